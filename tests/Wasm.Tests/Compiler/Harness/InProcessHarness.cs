using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hyperlight.Images;

namespace Hyperlight.Wasm.Tests.Compiler.Harness;

/// <summary>
/// TEST-ONLY runner for compiled images before/independently of the micro-VM engine: maps the code
/// RX, builds control page, call frame, instance data and linear memory as vm-brief's in-process
/// convention describes, and enters the dispatcher through <c>delegate* unmanaged</c>. Only code
/// whose traps are explicit checks runs here (every compiled trap is), so nothing faults on purpose.
/// </summary>
internal sealed unsafe class InProcessHarness : IDisposable
{
    private const int StackBudget = 256 * 1024;
    private const int FrameSize = CallFrameLayout.MinimumSize + (60 * 1024);
    private const long PageBytes = 65536;

    private static readonly (byte[] Code, int Enter, int Return, int Trap, int HostCall) Stubs = HarnessStubs.Assemble();

    [ThreadStatic]
    private static InProcessHarness? s_current;

    private readonly GuestImage _image;
    private readonly Dictionary<uint, Func<ulong[], ulong>> _imports;
    private readonly byte* _stubs;
    private readonly nuint _stubsLength;
    private readonly byte* _code;
    private readonly nuint _codeLength;
    private readonly byte* _control;
    private readonly byte* _frame;
    private readonly byte* _instance;
    // Each linear memory's mapping and length, memory 0 first (none for an image without memory).
    private readonly (nint Base, nuint Length)[] _memories;

    /// <param name="memoryLimitPages">The host's cap on each linear memory (its maximum field).</param>
    /// <param name="imports">Host functions by import index: core arguments in, slot 0 out.</param>
    public InProcessHarness(GuestImage image, uint memoryLimitPages = 1024, Dictionary<uint, Func<ulong[], ulong>>? imports = null)
    {
        _image = image;
        _imports = imports ?? [];
        _stubs = NativeMappings.MapCode(Stubs.Code, out _stubsLength);
        _code = NativeMappings.MapCode(image.Code, out _codeLength);
        _control = (byte*)NativeMemory.AlignedAlloc(ControlPage.Size, 4096);
        new Span<byte>(_control, ControlPage.Size).Clear();
        _frame = (byte*)NativeMemory.AllocZeroed(FrameSize);
        _instance = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(image.DataRegionSize, 16));
        image.InitialData.CopyTo(new Span<byte>(_instance, image.DataRegionSize));

        GuestMemoryLimits[] memories = image.MemoryMinimumPages is uint minimum
            ? [new GuestMemoryLimits(minimum, image.MemoryMaximumPages), .. image.AdditionalMemories]
            : [];
        _memories = new (nint, nuint)[memories.Length];
        for (int m = 0; m < memories.Length; m++)
        {
            ulong maximumPages = Math.Min(memories[m].MaximumPages ?? 65536, memoryLimitPages);
            var length = (nuint)(Math.Max(maximumPages, memories[m].MinimumPages) * PageBytes);
            _memories[m] = ((nint)NativeMappings.MapReadWrite(Math.Max(length, 4096)), length);
            Write(ControlPage.MemoryBase(m), (ulong)_memories[m].Base);
            Write(ControlPage.MemorySize(m), memories[m].MinimumPages * (ulong)PageBytes);
            Write(ControlPage.MemoryMaximum(m), _memories[m].Length);
        }

        Write(ControlPage.Magic, (ulong)ControlPage.MagicValue | ((ulong)ControlPage.CurrentVersion << 32));
        Write(ControlPage.CallFrameAddress, (ulong)_frame);
        Write(ControlPage.CallFrameSize, FrameSize);
        Write(ControlPage.HostCallEntry, (ulong)(_stubs + Stubs.HostCall));
        Write(ControlPage.HostCallFunctionPointer, (ulong)(delegate* unmanaged<nint, void>)&OnHostCall);
        Write(ControlPage.ReturnEntry, (ulong)(_stubs + Stubs.Return));
        Write(ControlPage.TrapEntry, (ulong)(_stubs + Stubs.Trap));
        Write(ControlPage.CodeBase, (ulong)_code);
        Write(ControlPage.CodeSize, (ulong)image.Code.Length);
        Write(ControlPage.GlobalsBase, (ulong)_instance);

        if (image.NeedsInitialization)
            InitializationOutcome = Enter(GuestImage.InitializeFunctionIndex, [], []);
    }

    /// <summary>The result of running the image's initialisation (null when it needs none).</summary>
    public CallOutcome? InitializationOutcome { get; }

    /// <summary>Linear memory 0 (the main module's), at its current size.</summary>
    public Span<byte> Memory => MemoryAt(0);

    /// <summary>Linear memory <paramref name="memory"/> at its current size.</summary>
    public Span<byte> MemoryAt(int memory) => memory == 0 && _memories.Length == 0
        ? []
        : new((byte*)_memories[memory].Base, (int)Math.Min((long)Read(ControlPage.MemorySize(memory)), int.MaxValue));

    public GuestExport Export(string name) =>
        _image.Exports.FirstOrDefault(e => e.Name == name) ?? throw new ArgumentException($"No callable export '{name}'", nameof(name));

    /// <summary>Calls an export with raw core arguments.</summary>
    public CallOutcome Call(string export, params ulong[] arguments)
    {
        GuestExport target = Export(export);
        var tags = target.Parameters.Select(ScalarTag).ToArray();
        return Enter(target.Index, arguments, tags, target.Results.Count > 0 ? ScalarTag(target.Results[0]) : AbiType.Void);
    }

    /// <summary>Calls an export with interface-level slots (for staging tests): slot tags chosen by the caller.</summary>
    public CallOutcome CallWithSlots(string export, ulong[] slots, AbiType[] tags, AbiType result, ReadOnlySpan<byte> payload = default)
    {
        payload.CopyTo(new Span<byte>(_frame + CallFrameLayout.PayloadOffset, FrameSize - CallFrameLayout.PayloadOffset));
        return Enter(Export(export).Index, slots, tags, result);
    }

    /// <summary>Enters the dispatcher with an arbitrary frame function index and no arguments.</summary>
    public CallOutcome CallFunctionIndex(uint index) => Enter(index, [], []);

    public ReadOnlySpan<byte> Payload(int length) => new(_frame + CallFrameLayout.PayloadOffset, length);

    public uint PayloadLength => Unsafe.ReadUnaligned<uint>(_frame + CallFrameLayout.PayloadLengthOffset);

    /// <summary>The record of the last trap: Wasm function index, module code offset, and the reported RIP as an offset into the image.</summary>
    public (uint Function, uint CodeOffset, long RipOffset) TrapRecord =>
        (Unsafe.ReadUnaligned<uint>(_control + ControlPage.TrapFunctionIndex),
         Unsafe.ReadUnaligned<uint>(_control + ControlPage.TrapCodeOffset),
         (long)(Read(ControlPage.TrapRip) - (ulong)_code));

    public void SetInterruptFlag(bool value) => Unsafe.WriteUnaligned(_control + ControlPage.InterruptFlag, value ? 1u : 0u);

    private CallOutcome Enter(uint function, ulong[] slots, AbiType[] tags, AbiType result = AbiType.Void)
    {
        Unsafe.WriteUnaligned(_frame + CallFrameLayout.FunctionIndexOffset, function);
        Unsafe.WriteUnaligned(_frame + CallFrameLayout.StatusOffset, (uint)CallFrameStatus.GuestCallRequested);
        Unsafe.WriteUnaligned(_frame + CallFrameLayout.SlotCountOffset, (uint)slots.Length);
        Unsafe.WriteUnaligned(_frame + CallFrameLayout.PayloadLengthOffset, 0u);
        _frame[CallFrameLayout.ResultTypeOffset] = (byte)result;
        for (int i = 0; i < slots.Length; i++)
        {
            _frame[CallFrameLayout.SlotTypesOffset + i] = (byte)tags[i];
            Unsafe.WriteUnaligned(_frame + CallFrameLayout.SlotsOffset + (8 * i), slots[i]);
        }

        InProcessHarness? previous = s_current;
        s_current = this;
        int port;
        try
        {
            var enter = (delegate* unmanaged<byte*, byte*, nint, int>)(_stubs + Stubs.Enter);
            port = enter(_control, _code + _image.EntryOffset, StackBudget);
        }
        finally
        {
            s_current = previous;
        }

        if (port == IoPorts.Trap)
            return CallOutcome.Trapped((TrapKind)Unsafe.ReadUnaligned<uint>(_control + ControlPage.TrapKindField));
        if (port != IoPorts.Return)
            throw new InvalidOperationException($"The guest left with port {port}, not through ReturnEntry or TrapEntry");
        if (Unsafe.ReadUnaligned<uint>(_frame + CallFrameLayout.StatusOffset) != (uint)CallFrameStatus.GuestCallCompleted)
            throw new InvalidOperationException("The guest returned without marking the call completed");
        uint count = Unsafe.ReadUnaligned<uint>(_frame + CallFrameLayout.SlotCountOffset);
        var results = new ulong[count];
        for (int i = 0; i < count; i++)
            results[i] = Unsafe.ReadUnaligned<ulong>(_frame + CallFrameLayout.SlotsOffset + (8 * i));
        return CallOutcome.Returned(results);
    }

    [UnmanagedCallersOnly]
    private static void OnHostCall(nint control)
    {
        InProcessHarness harness = s_current!;
        byte* frame = harness._frame;
        uint function = Unsafe.ReadUnaligned<uint>(frame + CallFrameLayout.FunctionIndexOffset);
        uint count = Unsafe.ReadUnaligned<uint>(frame + CallFrameLayout.SlotCountOffset);
        var arguments = new ulong[count];
        for (int i = 0; i < count; i++)
            arguments[i] = Unsafe.ReadUnaligned<ulong>(frame + CallFrameLayout.SlotsOffset + (8 * i));
        try
        {
            ulong result = harness._imports[function](arguments);
            Unsafe.WriteUnaligned(frame + CallFrameLayout.SlotsOffset, result);
            frame[CallFrameLayout.ResultTypeOffset] = (byte)AbiType.Void;
            Unsafe.WriteUnaligned(frame + CallFrameLayout.StatusOffset, (uint)CallFrameStatus.HostCallCompleted);
        }
        catch (Exception)
        {
            Unsafe.WriteUnaligned(frame + CallFrameLayout.StatusOffset, (uint)CallFrameStatus.HostCallFailed);
        }
    }

    private static AbiType ScalarTag(CoreValueType type) => type switch
    {
        CoreValueType.I32 => AbiType.Int32,
        CoreValueType.I64 => AbiType.Int64,
        CoreValueType.F32 => AbiType.Single,
        _ => AbiType.Double,
    };

    private void Write(int offset, ulong value) => Unsafe.WriteUnaligned(_control + offset, value);

    private ulong Read(int offset) => Unsafe.ReadUnaligned<ulong>(_control + offset);

    public void Dispose()
    {
        NativeMappings.Unmap(_code, _codeLength);
        NativeMappings.Unmap(_stubs, _stubsLength);
        foreach ((nint memoryBase, nuint length) in _memories)
            NativeMappings.Unmap((byte*)memoryBase, Math.Max(length, 4096));
        NativeMemory.AlignedFree(_control);
        NativeMemory.Free(_frame);
        NativeMemory.Free(_instance);
    }
}
