using Hyperlight.Images;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Tests.Vm.Guests;

/// <summary>
/// Assembles hand-written guests that speak the vm-brief protocol. Register convention of the
/// emitted code: r15 = control page, rbx = call frame (both set by the dispatcher; RDI is reloaded
/// from r15 before every jump into a driver stub, as the protocol requires).
/// </summary>
internal sealed class GuestImageBuilder
{
    private readonly List<(GuestExport Export, Label Label)> _exports = [];
    private readonly List<GuestImport> _imports = [];
    private Label _initialize;

    public Assembler Asm { get; } = new(64);

    /// <summary>Declares export number <c>Exports.Count</c> and returns the label its code must be placed at.</summary>
    public Label Export(string name, CoreValueType[] parameters, CoreValueType[] results)
    {
        Label label = Asm.CreateLabel(name);
        _exports.Add((new GuestExport(name, (uint)_exports.Count, parameters, results), label));
        return label;
    }

    /// <summary>Declares an import; returns its frame function index.</summary>
    public uint Import(string module, string name, CoreValueType[] parameters, CoreValueType[] results)
    {
        var import = new GuestImport(module, name, (uint)_imports.Count, parameters, results);
        _imports.Add(import);
        return import.Index;
    }

    /// <summary>Declares that the image needs initialisation; returns the label its code goes at.</summary>
    public Label Initializer()
    {
        _initialize = Asm.CreateLabel("initialize");
        return _initialize;
    }

    // ---- protocol pieces -------------------------------------------------------------------------

    public static AssemblerMemoryOperand Slot(int slot) => __qword_ptr[rbx + CallFrameLayout.SlotsOffset + (slot * CallFrameLayout.SlotSize)];

    public static AssemblerMemoryOperand Control(int offset) => __qword_ptr[r15 + offset];

    /// <summary>Status = GuestCallCompleted; jmp [ctrl+ReturnEntry].</summary>
    public void Return()
    {
        Asm.mov(__dword_ptr[rbx + CallFrameLayout.StatusOffset], (uint)CallFrameStatus.GuestCallCompleted);
        JumpThrough(ControlPage.ReturnEntry);
    }

    /// <summary>Writes the trap record and jumps to the trap stub.</summary>
    public void Trap(TrapKind kind, uint function = 0, uint codeOffset = 0)
    {
        Asm.mov(__dword_ptr[r15 + ControlPage.TrapKindField], (uint)kind);
        Asm.mov(__dword_ptr[r15 + ControlPage.TrapFunctionIndex], function);
        Asm.mov(__dword_ptr[r15 + ControlPage.TrapCodeOffset], codeOffset);
        Label here = Asm.CreateLabel();
        Asm.Label(ref here);
        Asm.lea(rax, __[here]);
        Asm.mov(__qword_ptr[r15 + ControlPage.TrapRip], rax);
        JumpThrough(ControlPage.TrapEntry);
    }

    /// <summary>
    /// Calls import <paramref name="import"/> with <paramref name="slotCount"/> core values already in
    /// the slots; afterwards slot 0 holds the result. A failed host call traps HostFunctionFailed.
    /// </summary>
    public void CallHost(uint import, int slotCount)
    {
        Asm.mov(__dword_ptr[rbx + CallFrameLayout.FunctionIndexOffset], import);
        Asm.mov(__dword_ptr[rbx + CallFrameLayout.StatusOffset], (uint)CallFrameStatus.HostCallRequested);
        Asm.mov(__dword_ptr[rbx + CallFrameLayout.SlotCountOffset], (uint)slotCount);
        Asm.mov(rdi, r15);
        Asm.call(__qword_ptr[r15 + ControlPage.HostCallEntry]);
        Label completed = Asm.CreateLabel();
        Asm.cmp(__dword_ptr[rbx + CallFrameLayout.StatusOffset], (uint)CallFrameStatus.HostCallCompleted);
        Asm.je(completed);
        Trap(TrapKind.HostFunctionFailed);
        Asm.Label(ref completed);
    }

    public void JumpThrough(int controlPageField)
    {
        Asm.mov(rdi, r15);
        Asm.jmp(__qword_ptr[r15 + controlPageField]);
    }

    /// <summary>Emits the dispatcher (the image entry) after all exports were declared and placed, and assembles.</summary>
    public GuestImage Build(int dataRegionSize = 64, uint? memoryMinimumPages = 1, uint? memoryMaximumPages = 2, byte[]? initialData = null)
    {
        Label entry = Asm.CreateLabel("entry");
        Asm.Label(ref entry);
        Asm.mov(r15, rdi);
        Asm.mov(rbx, __qword_ptr[r15 + ControlPage.CallFrameAddress]);
        Asm.mov(eax, __dword_ptr[rbx + CallFrameLayout.FunctionIndexOffset]);
        if (!_initialize.IsEmpty)
        {
            Asm.cmp(eax, unchecked((int)GuestImage.InitializeFunctionIndex));
            Asm.je(_initialize);
        }
        foreach ((GuestExport export, Label label) in _exports)
        {
            Asm.cmp(eax, (int)export.Index);
            Asm.je(label);
        }
        Trap(TrapKind.ProtocolViolation, uint.MaxValue);

        using var stream = new MemoryStream();
        AssemblerResult result = Asm.Assemble(new StreamCodeWriter(stream), 0, BlockEncoderOptions.ReturnNewInstructionOffsets);
        return new GuestImage
        {
            Code = stream.ToArray(),
            EntryOffset = (int)result.GetLabelRIP(entry),
            Exports = [.. _exports.Select(e => e.Export)],
            Imports = [.. _imports],
            DataRegionSize = dataRegionSize,
            InitialData = initialData ?? [],
            MemoryMinimumPages = memoryMinimumPages,
            MemoryMaximumPages = memoryMaximumPages,
            NeedsInitialization = !_initialize.IsEmpty,
            FunctionNames = _exports.ToDictionary(e => e.Export.Index, e => e.Export.Name),
        };
    }
}
