using Hyperlight.Wasm.Model;
using Hyperlight.Wasm.Tests.Binary;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Tests.Caching;

/// <summary>
/// A link unit that uses every kind of input (two modules, a host global, memory and table, options),
/// and copies of it that each differ in one input.
/// </summary>
internal static class LinkUnits
{
    private static readonly byte[] Library = LibraryScaledBy(3);

    private static readonly byte[] Main = Wat.ToWasm("""
        (module
          (import "lib" "triple" (func $triple (param i32) (result i32)))
          (import "host" "base" (global $base i32))
          (import "host" "mem" (memory 1))
          (import "host" "tab" (table 1 funcref))
          (func (export "run") (result i32) global.get $base call $triple))
        """);

    private static readonly WasmHostGlobal Base = new("host", "base", new GlobalType(ValueType.I32, Mutable: false), 14);
    private static readonly WasmHostMemory Memory = new("host", "mem", new MemoryType(new Limits(1, 4)));
    private static readonly WasmHostTable Table = new("host", "tab", new TableType(ValueType.FuncRef, new Limits(1, null)));

    /// <summary>A fresh unit (new lists, new byte arrays) equal to every other call's.</summary>
    public static WasmLinkUnit Original() => Unit();

    /// <summary>Each a copy of <see cref="Original"/> with one input changed, by what changed; every one still links.</summary>
    public static IReadOnlyDictionary<string, WasmLinkUnit> LinkableVariants { get; } = new Dictionary<string, WasmLinkUnit>
    {
        ["main module name"] = Unit(mainName: "app"),
        ["library name"] = Unit(libraryName: "lib2"), // "lib"."triple" becomes a host function import
        ["library bytes"] = Unit(library: LibraryScaledBy(4)),
        ["host global initial value"] = Unit(global: Base with { InitialBits = 15 }),
        ["host memory maximum"] = Unit(memory: Memory with { Type = new MemoryType(new Limits(1, 5)) }),
        ["host memory without maximum"] = Unit(memory: Memory with { Type = new MemoryType(new Limits(1, null)) }),
        ["host table maximum"] = Unit(table: Table with { Type = new TableType(ValueType.FuncRef, new Limits(1, 8)) }),
        ["compiler options"] = Unit(options: new WasmCompilerOptions { MaxModuleBytes = 1 << 20 }),
    };

    /// <summary>Copies that the key must tell apart although they no longer link.</summary>
    public static IReadOnlyDictionary<string, WasmLinkUnit> UnlinkableVariants { get; } = new Dictionary<string, WasmLinkUnit>
    {
        ["module order"] = new([new("main", Main), new("lib", Library)], [Base, Memory, Table]),
        ["an extra module"] = new([new("lib", Library), new("extra", Library), new("main", Main)], [Base, Memory, Table]),
        ["host global mutability"] = Unit(global: Base with { Type = new GlobalType(ValueType.I32, Mutable: true) }),
        ["host global type"] = Unit(global: Base with { Type = new GlobalType(ValueType.I64, Mutable: false) }),
        ["host global module"] = Unit(global: Base with { Module = "env" }),
        ["host global name"] = Unit(global: Base with { Name = "base2" }),
        ["host memory minimum"] = Unit(memory: Memory with { Type = new MemoryType(new Limits(2, 4)) }),
        ["host table element type"] = Unit(table: Table with { Type = new TableType(ValueType.ExternRef, new Limits(1, null)) }),
        ["host table minimum"] = Unit(table: Table with { Type = new TableType(ValueType.FuncRef, new Limits(2, null)) }),
        ["host definition kind"] = new([new("lib", Library), new("main", Main)], [Base, Memory, new WasmHostMemory("host", "tab", new MemoryType(new Limits(1, null)))]),
        ["a host definition missing"] = new([new("lib", Library), new("main", Main)], [Base, Memory]),
    };

    public static TheoryData<string> LinkableNames => [.. LinkableVariants.Keys];

    public static TheoryData<string> AllNames => [.. LinkableVariants.Keys, .. UnlinkableVariants.Keys];

    public static WasmLinkUnit Variant(string name) =>
        LinkableVariants.TryGetValue(name, out WasmLinkUnit? unit) ? unit : UnlinkableVariants[name];

    private static byte[] LibraryScaledBy(int factor) => Wat.ToWasm($$"""
        (module
          (global (export "scale") i32 (i32.const {{factor}}))
          (func (export "triple") (param i32) (result i32) local.get 0 global.get 0 i32.mul))
        """);

    private static WasmLinkUnit Unit(
        string mainName = "main",
        string libraryName = "lib",
        byte[]? library = null,
        WasmHostGlobal? global = null,
        WasmHostMemory? memory = null,
        WasmHostTable? table = null,
        WasmCompilerOptions? options = null) =>
        new(
            [new(libraryName, (byte[])(library ?? Library).Clone()), new(mainName, (byte[])Main.Clone())],
            [global ?? Base, memory ?? Memory, table ?? Table],
            options);
}
