(module
  (memory 1)
  (data (i32.const 65530) "too long for the memory")
  (func (export "never") (result i32) (i32.const 1))
)
