using Hyperlight.Bindings;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Calls;

/// <summary>
/// One module import served by a host function: lifts the guest's core arguments into interface-level
/// frame slots (copying strings and bytes out of the calling module's memory into the payload), runs the generated
/// dispatcher, and lowers its result (a scalar as the return value; strings and bytes into memory
/// from the guest's <c>cabi_realloc</c>, with {ptr, len} written at the retptr the guest passed).
/// </summary>
internal sealed class HostImport
{
    private readonly HostCallContext _context;
    private readonly HostBinding _binding;
    private readonly int _function;
    private readonly uint _importIndex;
    private readonly AbiType[] _parameters;
    private readonly AbiType _result;
    // Descriptions for protocol errors, built once here so that a call builds no strings.
    private readonly string[] _argumentDescriptions;
    private readonly string _resultDescription;
    private readonly string _returnPointerDescription;
    private readonly string _loweringActivity;

    public HostImport(HostCallContext context, HostBinding binding, int function, uint importIndex)
    {
        _context = context;
        _binding = binding;
        _function = function;
        _importIndex = importIndex;
        FunctionDescriptor descriptor = binding.Descriptor.Functions[function];
        Name = $"{binding.Descriptor.Module}.{descriptor.Name}";
        _parameters = [.. descriptor.Parameters];
        _result = descriptor.Result;
        _argumentDescriptions = [.. _parameters.Select((_, i) => $"argument {i} of host function '{Name}'")];
        _resultDescription = $"the result of host function '{Name}'";
        _returnPointerDescription = $"retptr of host function '{Name}'";
        _loweringActivity = $"cabi_realloc while the host returns the result of '{Name}'";
    }

    public string Name { get; }

    /// <summary>The <see cref="Function.UntypedCallbackDelegate"/> Wasmtime calls.</summary>
    public void Call(Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results)
    {
        try
        {
            _context.Guard.ThrowIfForbidden(Name);
            CallFrame frame = _context.Frame;
            frame.Begin(_importIndex, CallFrameStatus.HostCallRequested, _parameters.Length);
            GuestMemory? memory = _context.MemoryOf(caller);
            Lift(frame, arguments, memory);
            Dispatch(frame);
            Lower(frame, arguments, results, memory);
            frame.Status = CallFrameStatus.HostCallCompleted;
        }
        catch (WasmtimeException)
        {
            // A trap or interruption inside cabi_realloc: the engine explains it from its own records.
            throw;
        }
        catch (Exception e)
        {
            _context.Failure = e;
            throw;
        }
    }

    private void Lift(CallFrame frame, ReadOnlySpan<ValueBox> arguments, GuestMemory? memory)
    {
        int core = 0;
        for (int i = 0; i < _parameters.Length; i++)
        {
            AbiType type = _parameters[i];
            if (type.IsPointerAndLength())
            {
                uint pointer = (uint)arguments[core++].AsInt32();
                uint length = (uint)arguments[core++].AsInt32();
                ReadOnlySpan<byte> data = Usable(memory).Read(pointer, length, _argumentDescriptions[i]);
                data.CopyTo(frame.ReserveBytes(i, (int)length));
                continue;
            }
            ValueBox value = arguments[core++];
            frame.SetRaw(i, type.CoreType() switch
            {
                CoreValueType.I32 => CoreValue.ToRaw(value.AsInt32()),
                CoreValueType.I64 => CoreValue.ToRaw(value.AsInt64()),
                CoreValueType.F32 => CoreValue.ToRaw(value.AsSingle()),
                _ => CoreValue.ToRaw(value.AsDouble()),
            });
        }
    }

    private void Dispatch(CallFrame frame)
    {
        try
        {
            _binding.Dispatch(_function, frame);
        }
        catch (GuestProtocolException)
        {
            throw; // the guest's data was bad (e.g. invalid UTF-8), not the host function
        }
        catch (Exception e)
        {
            throw new HostFunctionException(Name, e);
        }
    }

    private void Lower(CallFrame frame, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results, GuestMemory? memory)
    {
        if (_result == AbiType.Void)
            return;
        if (!_result.IsPointerAndLength())
        {
            ulong raw = frame.GetRaw(0);
            results[0] = _result.CoreType() switch
            {
                CoreValueType.I32 => CoreValue.FromRaw<int>(raw),
                CoreValueType.I64 => CoreValue.FromRaw<long>(raw),
                CoreValueType.F32 => CoreValue.FromRaw<float>(raw),
                _ => CoreValue.FromRaw<double>(raw),
            };
            return;
        }
        uint returnPointer = (uint)arguments[^1].AsInt32();
        using HostCallGuard.Scope _ = _context.Guard.Forbid(_loweringActivity);
        ReadOnlySpan<byte> data = frame.GetBytesSpan(0);
        data.CopyTo(Usable(memory).Allocate(data.Length, _resultDescription, out uint address));
        memory!.WritePointerAndLength(returnPointer, address, (uint)data.Length, _returnPointerDescription);
    }

    private GuestMemory Usable(GuestMemory? memory) => memory
        ?? throw new GuestProtocolException($"The guest called host function '{Name}' with string or byte data before its instance finished initialising (from its start function); call it from an export instead.");
}
