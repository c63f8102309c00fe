using System.Runtime.CompilerServices;
using Hyperlight.Bindings;
using Hyperlight.Engines;
using Hyperlight.Images;

namespace Hyperlight.Vm.Engine;

/// <summary>
/// The untyped API on the micro-VM: calls go through the same frame and dispatcher as typed calls,
/// one raw slot per core value (numbers as their bits, tagged with a number <see cref="AbiType"/> so
/// the dispatcher passes them through); results come back in slots 0..n-1. Globals are read and
/// written in their data-region cells, memory in the linear memory within its current size, tables
/// in MicroVmEngine.Tables.cs. References: a funcref is the guest's own reference value (its unit
/// function index + 1), wrapped in a
/// <see cref="WasmFunctionReference"/> owned by this engine; an externref is a handle from
/// <see cref="ExternRefTable"/>, which is emptied whenever the snapshot is restored (no guest state
/// that could hold a handle survives a restore).
/// </summary>
internal sealed unsafe partial class MicroVmEngine : IWasmInstance
{
    // Built on first use: most sandboxes only use typed bindings.
    private ImageExports? _untypedExports;
    private ExternRefTable? _externRefs;

    public IReadOnlyList<WasmExportInfo> Exports => UntypedExports.Table.All;

    private ImageExports UntypedExports => _untypedExports ??= new ImageExports(_image);

    private ExternRefTable ExternRefs => _externRefs ??= new ExternRefTable();

    public WasmValue[] Invoke(string export, ReadOnlySpan<WasmValue> arguments, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        (WasmExportInfo info, GuestExport function) = UntypedExports.Function(export);
        WasmExportTable.CheckArguments(info, arguments);
        if (arguments.Length > CallFrameLayout.MaxSlots)
            throw new NotSupportedException($"'{export}' takes {arguments.Length} values; the micro-VM passes at most {CallFrameLayout.MaxSlots} in one call.");
        CallFrame frame = Frame;
        frame.Begin(function.Index, CallFrameStatus.GuestCallRequested, arguments.Length);
        Span<AbiType> tags = stackalloc AbiType[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            tags[i] = SlotTag(arguments[i].Kind);
            frame.SetRaw(i, ToSlot(arguments[i]));
        }
        frame.SetSignature(tags, info.Results.Count == 0 ? AbiType.Void : SlotTag(info.Results[0]));
        Invoke((int)function.Index, cancellationToken);

        if (frame.SlotCount != (uint)info.Results.Count)
            throw new GuestProtocolException($"The guest returned {frame.SlotCount} values from '{export}', which has {info.Results.Count} results.");
        // A call with no results shares the empty array instead of allocating one.
        WasmValue[] results = info.Results.Count == 0 ? [] : new WasmValue[info.Results.Count];
        for (int i = 0; i < results.Length; i++)
            results[i] = FromSlot(info.Results[i], frame.GetRaw(i));
        return results;
    }

    public WasmValue GetGlobal(string export)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        (WasmExportInfo info, GuestGlobal global) = UntypedExports.Global(export);
        CoreValueType kind = info.Results[0];
        byte* cell = GlobalCell(global);
        return FromSlot(kind, kind is CoreValueType.I32 or CoreValueType.F32 ? Unsafe.ReadUnaligned<uint>(cell) : Unsafe.ReadUnaligned<ulong>(cell));
    }

    public void SetGlobal(string export, WasmValue value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        (WasmExportInfo info, GuestGlobal global) = UntypedExports.Global(export);
        WasmExportTable.CheckGlobalWrite(info, value);
        ulong raw = ToSlot(value);
        byte* cell = GlobalCell(global);
        if (value.Kind is CoreValueType.I32 or CoreValueType.F32)
            Unsafe.WriteUnaligned(cell, (uint)raw);
        else
            Unsafe.WriteUnaligned(cell, raw);
    }

    public long GetMemorySize(string export)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        UntypedExports.Table.Find(export, WasmExportKind.Memory);
        return (long)LinearMemorySize();
    }

    public void ReadMemory(string export, long offset, Span<byte> destination)
    {
        new ReadOnlySpan<byte>(MemoryRange(export, offset, destination.Length), destination.Length).CopyTo(destination);
    }

    public void WriteMemory(string export, long offset, ReadOnlySpan<byte> source)
    {
        source.CopyTo(new Span<byte>(MemoryRange(export, offset, source.Length), source.Length));
    }

    /// <summary>After a restore no guest state can hold an externref handle: drop the objects behind them.</summary>
    private void ForgetExternRefs() => _externRefs?.Clear();

    private byte* MemoryRange(string export, long offset, int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        UntypedExports.Table.Find(export, WasmExportKind.Memory);
        WasmExportTable.CheckRange(export, offset, length, (long)LinearMemorySize());
        return _linearMemory + offset;
    }

    private byte* GlobalCell(GuestGlobal global) => DataRegion + global.Offset;

    /// <summary>The instance-data region (<see cref="ControlPage.GlobalsBase"/>): globals, tables, segment lengths.</summary>
    private byte* DataRegion => _memory.Pointer(_memory.Layout.Data.Offset);

    private ulong ToSlot(WasmValue value)
    {
        switch (value.Kind)
        {
            case CoreValueType.FuncRef:
                if (value.AsFuncRef() is not { } function)
                    return 0;
                if (!ReferenceEquals(function.Owner, this))
                    throw new ArgumentException("The function reference belongs to another sandbox; a funcref can only go back to the sandbox it came from.", nameof(value));
                return (ulong)function.Handle;
            case CoreValueType.ExternRef:
                return value.AsExternRef() is { } host ? ExternRefs.HandleOf(host) : 0;
            default:
                return value.Bits;
        }
    }

    /// <summary>
    /// A value the guest produced (a result, a global, a table element) as a <paramref name="kind"/>
    /// value. A reference is checked against what the guest could hold: a funcref names a function of
    /// the unit, an externref a handle the host issued.
    /// </summary>
    private WasmValue FromSlot(CoreValueType kind, ulong raw) => kind switch
    {
        CoreValueType.FuncRef => WasmValue.FuncRef(raw == 0 ? null : raw <= _image.FunctionCount ? new WasmFunctionReference(this, raw)
            : throw new GuestProtocolException($"The guest produced funcref {raw}, which names no function of its {_image.FunctionCount}.")),
        CoreValueType.ExternRef => WasmValue.ExternRef(raw == 0 ? null : ExternRefs.Find(raw)
            ?? throw new GuestProtocolException($"The guest produced externref handle {raw}, which the host never gave it.")),
        _ => WasmValue.FromBits(kind, raw),
    };

    /// <summary>A number tag for the slot: the dispatcher stages only string/bytes tags, and passes any other slot through raw.</summary>
    private static AbiType SlotTag(CoreValueType kind) => kind switch
    {
        CoreValueType.I32 => AbiType.Int32,
        CoreValueType.I64 => AbiType.Int64,
        CoreValueType.F32 => AbiType.Single,
        CoreValueType.F64 => AbiType.Double,
        _ => AbiType.UInt64,
    };
}
