using global::Wasmtime;

namespace Hyperlight.Wasmtime.Calls;

/// <summary>
/// The fallback for shapes with no typed implementation (more than four core parameters, e.g. three
/// strings): Wasmtime's general <see cref="Function.Invoke(ValueBox[])"/>, which boxes the result.
/// </summary>
internal sealed class BoxedCoreFunction(Function function, CoreValueType[] parameters, CoreValueType? result) : CoreFunction
{
    // Reused between calls: the sandbox runs one call at a time and a guest export cannot be
    // re-entered while it runs (host functions may not call back into their own sandbox).
    private readonly ValueBox[] _arguments = new ValueBox[parameters.Length];

    public override ulong Call(ReadOnlySpan<ulong> arguments)
    {
        for (int i = 0; i < _arguments.Length; i++)
        {
            _arguments[i] = parameters[i] switch
            {
                CoreValueType.I32 => CoreValue.FromRaw<int>(arguments[i]),
                CoreValueType.I64 => CoreValue.FromRaw<long>(arguments[i]),
                CoreValueType.F32 => CoreValue.FromRaw<float>(arguments[i]),
                _ => CoreValue.FromRaw<double>(arguments[i]),
            };
        }
        object? value = function.Invoke(_arguments);
        return result switch
        {
            null => 0,
            CoreValueType.I32 => CoreValue.ToRaw((int)value!),
            CoreValueType.I64 => CoreValue.ToRaw((long)value!),
            CoreValueType.F32 => CoreValue.ToRaw((float)value!),
            _ => CoreValue.ToRaw((double)value!),
        };
    }
}
