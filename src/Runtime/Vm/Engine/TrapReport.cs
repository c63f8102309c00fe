using System.Globalization;
using System.Runtime.CompilerServices;
using Hyperlight.Images;

namespace Hyperlight.Vm.Engine;

/// <summary>Reads the trap record the guest wrote into the control page, treating every field as untrusted.</summary>
internal static unsafe class TrapReport
{
    /// <summary>The trap record's function index when the guest trapped outside any Wasm function (glue code).</summary>
    private const uint NoFunction = uint.MaxValue;

    public static TrapKind ReadKind(byte* controlPage) => (TrapKind)Unsafe.ReadUnaligned<uint>(controlPage + ControlPage.TrapKindField);

    /// <summary>The exception for a Wasm trap (not for <see cref="TrapKind.Interrupted"/>, <see cref="TrapKind.ProtocolViolation"/>, <see cref="TrapKind.HostFunctionFailed"/>, which the engine maps itself).</summary>
    public static HyperlightException Create(byte* controlPage, GuestImage image)
    {
        TrapKind kind = ReadKind(controlPage);
        uint function = Unsafe.ReadUnaligned<uint>(controlPage + ControlPage.TrapFunctionIndex);
        uint offset = Unsafe.ReadUnaligned<uint>(controlPage + ControlPage.TrapCodeOffset);
        if (!Enum.IsDefined(kind) || kind == TrapKind.Unknown)
            return new GuestProtocolException(string.Create(CultureInfo.InvariantCulture,
                $"The guest reported a trap of unknown kind {(uint)kind} (function {function}, code offset {offset}); the trap record in the control page is corrupt."));
        if (kind == TrapKind.ProtocolViolation)
            return new GuestProtocolException(string.Create(CultureInfo.InvariantCulture,
                $"The guest broke the call protocol{Location(function, offset, image)}: a pointer or length it handed over was outside its memory, or a call-frame field was invalid."));

        int? functionIndex = function is NoFunction or > int.MaxValue ? null : (int)function;
        string? name = functionIndex is not null && image.FunctionNames.TryGetValue(function, out string? known) ? known : null;
        int? codeOffset = offset > int.MaxValue ? null : (int)offset;
        return new GuestTrapException(kind, $"The guest trapped: {Describe(kind)}{Location(function, offset, image)}.", functionIndex, name, codeOffset);
    }

    private static string Location(uint function, uint offset, GuestImage image)
    {
        if (function == NoFunction)
            return "";
        string name = image.FunctionNames.TryGetValue(function, out string? known) ? $" '{known}'" : "";
        return string.Create(CultureInfo.InvariantCulture, $" in function {function}{name} at code offset 0x{offset:x}");
    }

    private static string Describe(TrapKind kind) => kind switch
    {
        TrapKind.Unreachable => "unreachable executed",
        TrapKind.IntegerDivideByZero => "integer divide by zero",
        TrapKind.IntegerOverflow => "integer overflow",
        TrapKind.InvalidConversionToInteger => "invalid conversion to integer",
        TrapKind.MemoryOutOfBounds => "out-of-bounds memory access",
        TrapKind.TableOutOfBounds => "out-of-bounds table access",
        TrapKind.IndirectCallTypeMismatch => "indirect call type mismatch",
        TrapKind.UninitializedElement => "uninitialized table element",
        TrapKind.CallStackExhausted => "call stack exhausted",
        TrapKind.Interrupted => "interrupted",
        TrapKind.HostFunctionFailed => "a host function failed",
        _ => kind.ToString(),
    };
}
