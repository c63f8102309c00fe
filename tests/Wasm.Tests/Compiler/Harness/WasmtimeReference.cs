using Wasmtime;

namespace Hyperlight.Wasm.Tests.Compiler.Harness;

/// <summary>
/// The oracle: the same module on Wasmtime, called with the same raw core arguments, with its traps
/// mapped onto <see cref="TrapKind"/> so outcomes compare one to one with the compiled image.
/// </summary>
internal sealed class WasmtimeReference : IDisposable
{
    private static readonly Engine SharedEngine = new(new Config().WithMaximumStackSize(512 * 1024));

    private readonly Store _store;
    private readonly Instance? _instance;

    public WasmtimeReference(byte[] wasm, Dictionary<(string Module, string Name), Func<ulong[], ulong>>? imports = null)
    {
        using var module = Module.FromBytes(SharedEngine, "reference", wasm);
        _store = new Store(SharedEngine);
        _store.SetLimits(memorySize: 1024L * 65536);
        using var linker = new Linker(SharedEngine);
        foreach (var import in module.Imports.OfType<FunctionImport>())
        {
            Func<ulong[], ulong> host = imports![(import.ModuleName, import.Name)];
            var parameters = import.Parameters.ToArray();
            linker.DefineFunction(import.ModuleName, import.Name, (Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results) =>
            {
                var raw = new ulong[arguments.Length];
                for (int i = 0; i < raw.Length; i++)
                    raw[i] = ToBits(arguments[i], parameters[i]);
                ulong result = host(raw);
                if (results.Length == 1)
                    results[0] = FromBits(result, import.Results[0]);
            }, import.Parameters, import.Results);
        }
        try
        {
            _instance = linker.Instantiate(_store, module);
        }
        catch (TrapException trap)
        {
            InitializationOutcome = CallOutcome.Trapped(Map(trap.Type));
        }
    }

    public CallOutcome? InitializationOutcome { get; }

    public CallOutcome Call(string export, params ulong[] arguments)
    {
        Function function = _instance!.GetFunction(export) ?? throw new ArgumentException($"No export '{export}'", nameof(export));
        var parameters = function.Parameters.ToArray();
        var boxes = new ValueBox[arguments.Length];
        for (int i = 0; i < boxes.Length; i++)
            boxes[i] = FromBits(arguments[i], parameters[i]);
        try
        {
            object? result = function.Invoke(boxes);
            var results = function.Results.ToArray();
            return result switch
            {
                null => CallOutcome.Returned(),
                object[] many => CallOutcome.Returned([.. many.Select((v, i) => ToBits(v, results[i]))]),
                _ => CallOutcome.Returned(ToBits(result, results[0])),
            };
        }
        catch (TrapException trap)
        {
            return CallOutcome.Trapped(Map(trap.Type));
        }
    }

    public static TrapKind Map(TrapCode code) => code switch
    {
        TrapCode.Unreachable => TrapKind.Unreachable,
        TrapCode.IntegerDivisionByZero => TrapKind.IntegerDivideByZero,
        TrapCode.IntegerOverflow => TrapKind.IntegerOverflow,
        TrapCode.BadConversionToInteger => TrapKind.InvalidConversionToInteger,
        TrapCode.MemoryOutOfBounds => TrapKind.MemoryOutOfBounds,
        TrapCode.TableOutOfBounds => TrapKind.TableOutOfBounds,
        TrapCode.BadSignature => TrapKind.IndirectCallTypeMismatch,
        TrapCode.IndirectCallToNull => TrapKind.UninitializedElement,
        TrapCode.StackOverflow => TrapKind.CallStackExhausted,
        TrapCode.Interrupt => TrapKind.Interrupted,
        _ => TrapKind.Unknown,
    };

    private static ulong ToBits(object value, ValueKind kind) => kind switch
    {
        ValueKind.Int32 => (uint)(int)value,
        ValueKind.Int64 => (ulong)(long)value,
        ValueKind.Float32 => BitConverter.SingleToUInt32Bits((float)value),
        ValueKind.Float64 => BitConverter.DoubleToUInt64Bits((double)value),
        _ => throw new NotSupportedException($"Value kind {kind}"),
    };

    private static ulong ToBits(ValueBox box, ValueKind kind) => kind switch
    {
        ValueKind.Int32 => (uint)box.AsInt32(),
        ValueKind.Int64 => (ulong)box.AsInt64(),
        ValueKind.Float32 => BitConverter.SingleToUInt32Bits(box.AsSingle()),
        ValueKind.Float64 => BitConverter.DoubleToUInt64Bits(box.AsDouble()),
        _ => throw new NotSupportedException($"Value kind {kind}"),
    };

    private static ValueBox FromBits(ulong bits, ValueKind kind) => kind switch
    {
        // Each arm converts on its own: a switch over mixed numeric types would widen them all to double.
        ValueKind.Int32 => (ValueBox)(int)(uint)bits,
        ValueKind.Int64 => (ValueBox)(long)bits,
        ValueKind.Float32 => (ValueBox)BitConverter.UInt32BitsToSingle((uint)bits),
        ValueKind.Float64 => (ValueBox)BitConverter.UInt64BitsToDouble(bits),
        _ => throw new NotSupportedException($"Value kind {kind}"),
    };

    public void Dispose() => _store.Dispose();
}
