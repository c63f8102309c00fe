using Hyperlight.Wasmtime.Interop;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Calls;

/// <summary>Turns a Wasmtime trap into a <see cref="GuestTrapException"/> with the matching <see cref="TrapKind"/>.</summary>
internal static class TrapTranslator
{
    public static GuestTrapException Translate(WasmtimeException exception, string function)
    {
        // A trap in guest code that the host called while serving a host call (cabi_realloc) reaches
        // us wrapped in the host call's error: the innermost Wasmtime error says what happened.
        WasmtimeException cause = exception;
        while (cause is not TrapException && cause.InnerException is WasmtimeException inner)
            cause = inner;
        TrapKind kind = cause is TrapException trap ? Kind(trap.Type) : TrapKind.Unknown;
        TrapFrame? top = cause.Frames is { Count: > 0 } frames ? frames[0] : null;
        string? name = string.IsNullOrEmpty(top?.FunctionName) ? null : top.FunctionName;
        // Wasmtime reports usize::MAX when it cannot place the frame in the module.
        int? offset = top is null || top.ModuleOffset > int.MaxValue ? null : (int)top.ModuleOffset;
        string where = (name, offset) switch
        {
            (not null, not null) => $" in function '{name}' at module offset 0x{offset:x}",
            (null, not null) => $" at module offset 0x{offset:x}",
            _ => "",
        };
        return new GuestTrapException(kind, $"The guest call '{function}' trapped ({kind}){where}: {WasmtimeMessages.Cause(cause.Message)}", functionName: name, codeOffset: offset, innerException: exception);
    }

    public static TrapKind Kind(TrapCode code) => code switch
    {
        TrapCode.Unreachable => TrapKind.Unreachable,
        TrapCode.IntegerDivisionByZero => TrapKind.IntegerDivideByZero,
        TrapCode.IntegerOverflow => TrapKind.IntegerOverflow,
        TrapCode.BadConversionToInteger => TrapKind.InvalidConversionToInteger,
        TrapCode.MemoryOutOfBounds or TrapCode.HeapMisaligned => TrapKind.MemoryOutOfBounds,
        TrapCode.TableOutOfBounds => TrapKind.TableOutOfBounds,
        TrapCode.BadSignature => TrapKind.IndirectCallTypeMismatch,
        TrapCode.IndirectCallToNull => TrapKind.UninitializedElement,
        TrapCode.StackOverflow => TrapKind.CallStackExhausted,
        TrapCode.Interrupt => TrapKind.Interrupted,
        _ => TrapKind.Unknown,
    };
}
