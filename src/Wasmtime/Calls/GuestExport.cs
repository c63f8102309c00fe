using System.Runtime.InteropServices;
using Hyperlight.Bindings;

namespace Hyperlight.Wasmtime.Calls;

/// <summary>
/// A resolved guest function: moves arguments from the call frame into the export's core parameters,
/// calls it, and puts the result back into the frame. Scalar-only functions read their core arguments
/// straight from the frame's slots (the slot encoding is the core value's encoding); string and bytes
/// arguments are first copied into guest memory obtained from <c>cabi_realloc</c>.
/// </summary>
internal sealed unsafe class GuestExport
{
    private readonly AbiType[] _parameters;
    private readonly AbiType _result;
    private readonly int _coreParameterCount;
    private readonly bool _stagesData;
    private readonly CoreFunction _function;
    private readonly CoreFunction? _postReturn;
    private readonly GuestMemory _memory;
    private readonly HostCallGuard _guard;
    // Descriptions for protocol errors, built once here so that a call builds no strings.
    private readonly string[] _argumentDescriptions;
    private readonly string _returnAreaDescription;
    private readonly string _resultDescription;

    public GuestExport(FunctionDescriptor descriptor, int coreParameterCount, CoreFunction function, CoreFunction? postReturn, GuestMemory memory, HostCallGuard guard)
    {
        Name = descriptor.Name;
        _parameters = [.. descriptor.Parameters];
        _result = descriptor.Result;
        _coreParameterCount = coreParameterCount;
        _stagesData = _parameters.Any(AbiFlattening.IsPointerAndLength);
        _function = function;
        _postReturn = postReturn;
        _memory = memory;
        _guard = guard;
        _argumentDescriptions = [.. _parameters.Select((_, i) => $"argument {i} of '{Name}'")];
        _returnAreaDescription = $"return area of '{Name}'";
        _resultDescription = $"{AbiTypeNames.Of(_result)} returned by '{Name}'";
    }

    public string Name { get; }

    public void Invoke(CallFrame frame)
    {
        ulong result;
        if (_stagesData)
        {
            Span<ulong> arguments = stackalloc ulong[_coreParameterCount];
            Stage(frame, arguments);
            result = _function.Call(arguments);
        }
        else
        {
            result = _function.Call(new ReadOnlySpan<ulong>(frame.Address + CallFrameLayout.SlotsOffset, _parameters.Length));
        }
        StoreResult(frame, result);
        _postReturn?.Call(_result == AbiType.Void ? [] : MemoryMarshal.CreateReadOnlySpan(ref result, 1));
    }

    private void Stage(CallFrame frame, Span<ulong> arguments)
    {
        // cabi_realloc is guest code: if it called a host function, that call would reuse the frame
        // and overwrite arguments not yet copied. The guard turns that into a protocol error.
        using HostCallGuard.Scope _ = _guard.Forbid("cabi_realloc while the host stages arguments");
        int core = 0;
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (!_parameters[i].IsPointerAndLength())
            {
                arguments[core++] = frame.GetRaw(i);
                continue;
            }
            ReadOnlySpan<byte> data = frame.GetBytesSpan(i);
            data.CopyTo(_memory.Allocate(data.Length, _argumentDescriptions[i], out uint address));
            arguments[core++] = address;
            arguments[core++] = (uint)data.Length;
        }
    }

    private void StoreResult(CallFrame frame, ulong result)
    {
        // The arguments' payload is consumed (copied into the guest): results start from an empty payload.
        frame.PayloadLength = 0;
        frame.Status = CallFrameStatus.GuestCallCompleted;
        if (_result == AbiType.Void)
        {
            frame.SlotCount = 0;
            return;
        }
        frame.SlotCount = 1;
        if (!_result.IsPointerAndLength())
        {
            frame.SetRaw(0, result);
            return;
        }
        // A string/bytes result: the export returned a pointer to its {u32 ptr, u32 len} return area.
        (uint pointer, uint length) = _memory.ReadPointerAndLength((uint)result, _returnAreaDescription);
        ReadOnlySpan<byte> data = _memory.Read(pointer, length, _resultDescription);
        data.CopyTo(frame.ReserveBytes(0, (int)length));
    }
}
