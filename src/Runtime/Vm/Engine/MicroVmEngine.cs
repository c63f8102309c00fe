using System.Runtime.CompilerServices;
using Hyperlight.Bindings;
using Hyperlight.Engines;
using Hyperlight.Images;
using Hyperlight.Vm.Drivers;
using Hyperlight.Vm.Loading;
using Hyperlight.Vm.Stubs;

namespace Hyperlight.Vm.Engine;

/// <summary>
/// A guest image running on one <see cref="IVmDriver"/>: memory laid out and loaded, imports bound,
/// initialisation run, snapshot taken. Runs guest calls (vm-brief protocol), serves host calls, and
/// turns every other way out of the guest into the documented exception, restoring the snapshot
/// after crashes, interruptions and protocol violations so the next call starts clean.
/// </summary>
internal sealed unsafe partial class MicroVmEngine : ISandboxEngine, IRestorableEngine, IHostCallHandler
{
    private readonly GuestImage _image;
    private readonly GuestMemory _memory;
    private readonly ImportTable _imports;
    private readonly ExportTable _exports;
    private readonly ControlPageFields _controlFields;
    private readonly byte* _controlPage;
    private readonly byte* _linearMemory;
    private readonly VmEntryState _entry;
    private readonly CallWatchdog _watchdog;
    private readonly IVmDriver _driver;
    private Exception? _hostFailure;

    /// <summary>
    /// Stands in <see cref="_hostFailure"/> when the call was stopped (timeout or cancellation) while a
    /// host function ran: the guest is not resumed, and the call ends as stopped. Never thrown itself.
    /// </summary>
    private static readonly Exception StoppedDuringHostCall = new OperationCanceledException();
    private bool _disposed;

    private MicroVmEngine(GuestImage image, GuestMemory memory, IVmDriverFactory drivers, ImportTable imports, ControlPageFields controlFields, SandboxOptions options)
    {
        _image = image;
        _memory = memory;
        _imports = imports;
        _exports = new ExportTable(image);
        _controlFields = controlFields;
        GuestLayout layout = memory.Layout;
        _controlPage = memory.Pointer(layout.Control.Offset);
        _linearMemory = memory.Pointer(layout.LinearMemory.Offset);
        _entry = new VmEntryState(
            Rip: memory.GuestAddress(layout.Code.Offset + (ulong)image.EntryOffset),
            Rsp: memory.GuestAddress(layout.StackTop) - 8,
            Rdi: memory.GuestAddress(layout.Control.Offset));
        Frame = new CallFrame(memory.Pointer(layout.CallFrame.Offset), options.CallFrameSize);
        _watchdog = new CallWatchdog(options.CallTimeout, RequestInterrupt);
        Info = new EngineInfo(drivers.Name, drivers.Boundary,
            $"{drivers.Name} micro-VM, {layout.TotalSize >> 20} MiB guest address space, {image.Code.Length} bytes of guest code, {image.Exports.Count} exports, {image.Imports.Count} imports");
        _driver = drivers.Create(memory, this);
    }

    public EngineInfo Info { get; }

    public CallFrame Frame { get; }

    /// <summary>Lays out, loads and initialises <paramref name="image"/> on a new driver from <paramref name="drivers"/>.</summary>
    public static MicroVmEngine Create(GuestImage image, IVmDriverFactory drivers, SandboxSetup setup, MicroVmOptions options)
    {
        ImportTable imports = ImportTable.Bind(image, setup.HostBindings);
        DriverStubs stubs = drivers.Addressing == GuestAddressing.HostProcess ? InProcessStubs.Instance : VmExitStubs.Instance;
        if (options.NoExecuteData && !drivers.SupportsNoExecute)
            options = options with { NoExecuteData = false };
        GuestLayout layout = GuestLayout.Create(GuestImageLoader.Plan(image, stubs, setup.Options), options);
        GuestMemory memory = GuestMemory.Create(layout, drivers.Addressing);
        MicroVmEngine? engine = null;
        try
        {
            ControlPageFields fields = GuestImageLoader.Load(image, memory, stubs, setup.Options);
            engine = new MicroVmEngine(image, memory, drivers, imports, fields, setup.Options);
            if (image.NeedsInitialization)
                engine.Initialize();
            memory.TakeSnapshot();
            return engine;
        }
        catch
        {
            if (engine is not null)
                engine.Dispose();
            else
                memory.Dispose();
            throw;
        }
    }

    public int ResolveGuestFunction(FunctionDescriptor function)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _exports.Resolve(function);
    }

    public void Invoke(int function, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        CallFrame frame = Frame;
        frame.FunctionIndex = (uint)function;
        Call(cancellationToken);
    }

    public void Restore()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _memory.RestoreSnapshot();
        ForgetExternRefs();
    }

    /// <summary>
    /// Serves one host call from the frame (vm-brief "Host call"). Never throws: a failure is kept for
    /// the end of the guest call and the frame says <see cref="CallFrameStatus.HostCallFailed"/>.
    /// </summary>
    public bool HandleHostCall()
    {
        CallFrame frame = Frame;
        try
        {
            if (frame.Status != CallFrameStatus.HostCallRequested)
                throw new GuestProtocolException($"The guest left the host-call port with call-frame status {(uint)frame.Status}; a host call needs status {CallFrameStatus.HostCallRequested}.");
            BoundImport import = _imports.Find(frame.FunctionIndex)
                ?? throw new GuestProtocolException($"The guest asked for host function index {frame.FunctionIndex}, which its image does not import.");
            int memory = import.Import.Memory;
            HostCallLifter.Lift(frame, import, memory == 0 ? _linearMemory : _memory.Pointer(_memory.Layout.Memory(memory).Offset), MemorySize(memory));
            try
            {
                import.Binding.Dispatch(import.Function, frame);
            }
            catch (Exception e) when (e is not GuestProtocolException and not PayloadTooLargeException)
            {
                throw new HostFunctionException(import.Descriptor.Name, e);
            }
            HostCallLifter.Complete(frame, import);
            if (_watchdog.StopDue())
            {
                _hostFailure = StoppedDuringHostCall;
                frame.Status = CallFrameStatus.HostCallFailed;
                return false;
            }
            return true;
        }
        catch (Exception e)
        {
            _hostFailure = e;
            frame.Status = CallFrameStatus.HostCallFailed;
            return false;
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _watchdog.Dispose();
        _driver.Dispose();
        _memory.Dispose();
    }

    /// <summary>
    /// Runs the image's initialisation. It stops at the first import size check that fails and
    /// reports it in the frame (slot 0 the check's index, slot 1 the size reached), which becomes
    /// the <see cref="Wasm.WasmLinkException"/> a static link check would have thrown.
    /// </summary>
    private void Initialize()
    {
        Frame.Begin(GuestImage.InitializeFunctionIndex, CallFrameStatus.GuestCallRequested, 0);
        Frame.SetSignature([], AbiType.Void);
        Call(CancellationToken.None);
        if (Frame.SlotCount == 0)
            return;
        ulong failed = Frame.GetRaw(0), size = Frame.GetRaw(1);
        if (Frame.SlotCount != 2 || failed >= (ulong)_image.SizeChecks.Count)
            throw new GuestProtocolException($"The guest's initialisation reported {Frame.SlotCount} values (size check {failed}); it reports none, or a failed one of its {_image.SizeChecks.Count} size checks and the size reached.");
        GuestSizeCheck check = _image.SizeChecks[(int)failed];
        Wasm.WasmLinker.CheckSizeReached(check, size);
        throw new GuestProtocolException($"The guest's initialisation reported size check {failed} ({check.ImportModule}.{check.ImportName}) failed at size {size}, which meets its minimum {check.RequiredMinimum}.");
    }

    private void Call(CancellationToken cancellationToken)
    {
        _controlFields.Apply(_controlPage);
        _hostFailure = null;
        bool watched = _watchdog.Arm(cancellationToken);
        try
        {
            RunToReturn(cancellationToken);
        }
        catch (GuestProtocolException)
        {
            // The guest left its frame or control page inconsistent: start the next call from the snapshot.
            RestoreAfterAbort();
            throw;
        }
        finally
        {
            if (watched)
                _watchdog.Disarm();
        }
    }

    private void RunToReturn(CancellationToken cancellationToken)
    {
        _driver.SetEntryState(_entry);
        while (true)
        {
            VmExit exit = _driver.Run();
            if (exit.Kind == VmExitKind.IoOut)
            {
                switch (exit.Port)
                {
                    case IoPorts.Return:
                        CheckCompleted(cancellationToken);
                        return;
                    case IoPorts.HostCall:
                        // Drivers that serve host calls inline stop here only after a failure.
                        if (_hostFailure is null && HandleHostCall())
                            continue;
                        throw TakeHostFailure(cancellationToken);
                    case IoPorts.Trap:
                        throw Trapped(cancellationToken);
                }
            }
            else if (exit.Kind == VmExitKind.Interrupted)
            {
                throw Interrupted(cancellationToken);
            }
            throw Crashed(exit);
        }
    }

    private void CheckCompleted(CancellationToken cancellationToken)
    {
        // A guest that ignored a failed host call and carried on still fails with the host's exception.
        if (_hostFailure is not null)
            throw TakeHostFailure(cancellationToken);
        CallFrameStatus status = Frame.Status;
        if (status != CallFrameStatus.GuestCallCompleted)
            ThrowBadCompletion(status);
    }

    private Exception Trapped(CancellationToken cancellationToken) => TrapReport.ReadKind(_controlPage) switch
    {
        TrapKind.Interrupted => Interrupted(cancellationToken),
        TrapKind.HostFunctionFailed => TakeHostFailure(cancellationToken),
        _ => TrapReport.Create(_controlPage, _image),
    };

    private Exception Interrupted(CancellationToken cancellationToken)
    {
        if (!_watchdog.Fired)
            return new GuestProtocolException("The guest reported an interruption the host did not ask for.");
        RestoreAfterAbort();
        return _watchdog.StoppedCallException(cancellationToken);
    }

    private GuestCrashException Crashed(in VmExit exit)
    {
        _driver.ReadRegisters(out VmRegisters registers);
        GuestCrashException crash = CrashReport.Create(exit, registers, _memory);
        _driver.ResetAfterCrash();
        RestoreAfterAbort();
        return crash;
    }

    private Exception TakeHostFailure(CancellationToken cancellationToken)
    {
        Exception? failure = _hostFailure;
        _hostFailure = null;
        if (ReferenceEquals(failure, StoppedDuringHostCall))
            return Interrupted(cancellationToken);
        return failure ?? new GuestProtocolException("The guest reported a failed host call, but no host function failed.");
    }

    /// <summary>A stopped or crashed guest may have left its memory half-updated: return to the snapshot (none yet during initialisation).</summary>
    private void RestoreAfterAbort()
    {
        if (_memory.HasSnapshot)
        {
            _memory.RestoreSnapshot();
            ForgetExternRefs();
        }
    }

    /// <summary>The host-visible memory's current size (memory 0, the main module's).</summary>
    private ulong LinearMemorySize() => MemorySize(0);

    /// <summary>Linear memory <paramref name="memory"/>'s current size, as the guest last wrote it, checked against its mapping.</summary>
    private ulong MemorySize(int memory)
    {
        ulong size = Unsafe.ReadUnaligned<ulong>(_controlPage + ControlPage.MemorySize(memory));
        ulong mapped = _memory.Layout.Memory(memory).Size;
        if (size > mapped)
            throw new GuestProtocolException($"The control page says linear memory {memory} is {size} bytes, more than the {mapped} bytes mapped for it; the control page is corrupt.");
        return size;
    }

    /// <summary>Runs on the watchdog's thread: the flag for guests that poll, the driver for those that do not.</summary>
    private void RequestInterrupt()
    {
        Volatile.Write(ref Unsafe.AsRef<uint>(_controlPage + ControlPage.InterruptFlag), 1u);
        _driver.Interrupt();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadCompletion(CallFrameStatus status) =>
        throw new GuestProtocolException($"The guest returned with call-frame status {(uint)status}; a finished call must set {CallFrameStatus.GuestCallCompleted}.");
}
