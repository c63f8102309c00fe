using Hyperlight.Images;
using Hyperlight.Vm;
using Iced.Intel;
using static Hyperlight.Tests.Vm.Guests.GuestImageBuilder;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Tests.Vm.Guests;

/// <summary>
/// The hand-assembled guest behind <see cref="ITestGuest"/> and <see cref="ITestHost"/>: one export
/// per behaviour the driver suite checks. Exports whose names start with <c>Fault</c> or that fault on
/// purpose are in <see cref="IFaultingGuest"/> and must never run in-process.
/// </summary>
internal static class TestGuest
{
    public const uint GlobalAfterInitialization = 42;
    public const uint InitialDataWord = 0x4433_2211;
    private const int LinearScratch = 0x100;
    private const int LinearText = 0x200;

    private static readonly CoreValueType[] None = [];
    private static readonly CoreValueType[] I32 = [CoreValueType.I32];
    private static readonly CoreValueType[] I64 = [CoreValueType.I64];
    private static readonly CoreValueType[] PointerLength = [CoreValueType.I32, CoreValueType.I32];

    public static GuestImage Image { get; } = Build();

    private static GuestImage Build()
    {
        var g = new GuestImageBuilder();
        Assembler asm = g.Asm;
        uint accumulate = g.Import("env", "Accumulate", I32, I64);
        uint log = g.Import("env", "Log", PointerLength, None);
        uint getName = g.Import("env", "GetName", I32, None);
        uint explode = g.Import("env", "Explode", None, None);

        Label init = g.Initializer();
        asm.Label(ref init);
        asm.mov(rax, Control(ControlPage.GlobalsBase));
        asm.mov(__dword_ptr[rax], GlobalAfterInitialization);
        g.Return();

        Place(g, "Add", PointerLength, I32, () =>
        {
            asm.mov(eax, __dword_ptr[rbx + SlotOffset(0)]);
            asm.add(eax, __dword_ptr[rbx + SlotOffset(1)]);
            asm.mov(Slot(0), rax);
            g.Return();
        });

        Place(g, "Echo", PointerLength, I32, () => EmitEcho(g));
        Place(g, "EchoBytes", PointerLength, I32, () => EmitEcho(g));

        Place(g, "CallHost", I32, I64, () =>
        {
            Label loop = asm.CreateLabel(), done = asm.CreateLabel();
            asm.mov(r12d, __dword_ptr[rbx + SlotOffset(0)]);
            asm.xor(r13d, r13d);
            asm.xor(r14d, r14d);
            asm.Label(ref loop);
            asm.cmp(r13d, r12d);
            asm.jge(done);
            asm.mov(Slot(0), r13);
            g.CallHost(accumulate, 1);
            asm.mov(r14, Slot(0));
            asm.inc(r13d);
            asm.jmp(loop);
            asm.Label(ref done);
            asm.mov(Slot(0), r14);
            g.Return();
        });

        Place(g, "LogHello", None, None, () =>
        {
            asm.mov(rax, Control(ControlPage.LinearMemoryBase));
            asm.mov(__dword_ptr[rax + LinearText], 0x6C6C6568); // "hell"
            asm.mov(__byte_ptr[rax + LinearText + 4], (byte)'o');
            asm.mov(Slot(0), LinearText);
            asm.mov(Slot(1), 5);
            g.CallHost(log, 2);
            g.Return();
        });

        // The host's string result is already staged in the payload: hand it back as this call's result.
        Place(g, "GreetFromHost", None, I32, () =>
        {
            asm.mov(Slot(0), LinearScratch); // the return pointer the import signature requires
            g.CallHost(getName, 1);
            g.Return();
        });

        Place(g, "CallExplode", None, None, () =>
        {
            g.CallHost(explode, 0);
            g.Return();
        });

        Place(g, "Divide", PointerLength, I32, () =>
        {
            Label nonZero = asm.CreateLabel(), noOverflow = asm.CreateLabel();
            asm.mov(eax, __dword_ptr[rbx + SlotOffset(0)]);
            asm.mov(ecx, __dword_ptr[rbx + SlotOffset(1)]);
            asm.test(ecx, ecx);
            asm.jnz(nonZero);
            g.Trap(TrapKind.IntegerDivideByZero, function: 7, codeOffset: 0x2A);
            asm.Label(ref nonZero);
            asm.cmp(ecx, -1);
            asm.jne(noOverflow);
            asm.cmp(eax, int.MinValue);
            asm.jne(noOverflow);
            g.Trap(TrapKind.IntegerOverflow, function: 7, codeOffset: 0x2B);
            asm.Label(ref noOverflow);
            asm.cdq();
            asm.idiv(ecx);
            asm.mov(eax, eax);
            asm.mov(Slot(0), rax);
            g.Return();
        });

        Place(g, "Spin", None, None, () =>
        {
            Label top = asm.CreateLabel(), check = asm.CreateLabel();
            asm.jmp(check);
            asm.Label(ref top);
            asm.pause();
            asm.Label(ref check);
            asm.cmp(__dword_ptr[r15 + ControlPage.InterruptFlag], 0);
            asm.je(top);
            g.Trap(TrapKind.Interrupted);
        });

        Place(g, "ReadGlobal", None, I32, () =>
        {
            asm.mov(rax, Control(ControlPage.GlobalsBase));
            asm.mov(eax, __dword_ptr[rax]);
            asm.mov(Slot(0), rax);
            g.Return();
        });

        Place(g, "BumpGlobal", None, I32, () =>
        {
            asm.mov(rax, Control(ControlPage.GlobalsBase));
            asm.inc(__dword_ptr[rax]);
            asm.mov(eax, __dword_ptr[rax]);
            asm.mov(Slot(0), rax);
            g.Return();
        });

        Place(g, "ReadInitialData", None, I32, () =>
        {
            asm.mov(rax, Control(ControlPage.GlobalsBase));
            asm.mov(eax, __dword_ptr[rax + 4]);
            asm.mov(Slot(0), rax);
            g.Return();
        });

        // ---- protocol breakers: each writes something the host must reject without reading out of bounds

        Place(g, "LogBadPointer", None, None, () =>
        {
            asm.mov(eax, 0xFFFF_FFF0);
            asm.mov(Slot(0), rax);
            asm.mov(Slot(1), 100);
            g.CallHost(log, 2);
            g.Return();
        });

        Place(g, "LogWithWrongSlotCount", None, None, () =>
        {
            asm.mov(Slot(0), LinearText);
            asm.mov(Slot(1), 0);
            g.CallHost(log, 5);
            g.Return();
        });

        Place(g, "GarbageStatus", None, None, () =>
        {
            asm.mov(__dword_ptr[rbx + CallFrameLayout.StatusOffset], 0xDEAD);
            g.JumpThrough(ControlPage.ReturnEntry);
        });

        Place(g, "GarbageResult", None, I32, () =>
        {
            asm.mov(rax, (100L << 32) | 0xFFFF_0000L);
            asm.mov(Slot(0), rax);
            g.Return();
        });

        Place(g, "GarbageTrapKind", None, None, () =>
        {
            asm.mov(__dword_ptr[r15 + ControlPage.TrapKindField], 999);
            g.JumpThrough(ControlPage.TrapEntry);
        });

        Place(g, "GarbageLinearMemorySize", None, None, () =>
        {
            asm.mov(__qword_ptr[r15 + ControlPage.LinearMemorySize], -1);
            asm.mov(Slot(0), LinearText);
            asm.mov(Slot(1), 5);
            g.CallHost(log, 2);
            g.Return();
        });

        Place(g, "UnknownHostFunction", None, None, () =>
        {
            g.CallHost(77, 0);
            g.Return();
        });

        // Overwrites the host-owned control-page fields (all but EntryStackPointer, which the in-process
        // return path trusts), then returns through a copy of ReturnEntry taken first: the next call
        // only works if the host rewrites the page.
        Place(g, "ScribbleControlPage", None, None, () =>
        {
            asm.mov(r14, Control(ControlPage.ReturnEntry));
            asm.mov(al, 0xCC);
            asm.lea(rdi, __[r15 + ControlPage.CallFrameAddress]);
            asm.mov(ecx, ControlPage.InterruptFlag - ControlPage.CallFrameAddress);
            asm.rep.stosb();
            asm.lea(rdi, __[r15 + ControlPage.ReturnEntry]);
            asm.mov(ecx, ControlPage.LinearMemorySize - ControlPage.ReturnEntry);
            asm.rep.stosb();
            asm.mov(__dword_ptr[rbx + CallFrameLayout.StatusOffset], (uint)CallFrameStatus.GuestCallCompleted);
            asm.mov(rdi, r15);
            asm.jmp(r14);
        });

        // ---- faults: only for drivers with a VM boundary -------------------------------------------

        Place(g, "SpinWithoutPolling", None, None, () =>
        {
            Label top = asm.CreateLabel();
            asm.xor(ecx, ecx);
            asm.Label(ref top);
            asm.inc(ecx);
            asm.jmp(top);
        });

        Place(g, "TouchLinearMemoryGuard", None, None, () =>
        {
            asm.mov(rax, Control(ControlPage.LinearMemoryBase));
            asm.add(rax, Control(ControlPage.LinearMemoryMaximum));
            asm.mov(al, __byte_ptr[rax]);
            g.Return();
        });

        Place(g, "TouchStackGuard", None, None, () =>
        {
            asm.mov(rax, Control(ControlPage.StackLimit));
            asm.sub(rax, MicroVmOptions.PageSize + 8); // StackLimit = stack bottom + one page (default margin)
            asm.mov(rax, __qword_ptr[rax]);
            g.Return();
        });

        Place(g, "ReadPageTables", None, None, () =>
        {
            asm.xor(eax, eax);
            asm.mov(rax, __qword_ptr[rax]);
            g.Return();
        });

        Place(g, "WriteCode", None, None, () =>
        {
            asm.mov(rax, Control(ControlPage.CodeBase));
            asm.mov(__byte_ptr[rax], 0x90);
            g.Return();
        });

        Place(g, "ExecuteLinearMemory", None, None, () =>
        {
            asm.mov(rax, Control(ControlPage.LinearMemoryBase));
            asm.mov(__byte_ptr[rax], 0xC3); // ret
            asm.call(rax);
            g.Return();
        });

        Place(g, "InvalidOpcode", None, None, () => asm.ud2());

        Place(g, "HardwareDivideByZero", None, None, () =>
        {
            asm.xor(ecx, ecx);
            asm.div(ecx);
            g.Return();
        });

        Place(g, "Halt", None, None, () => asm.hlt());

        Place(g, "OutToUnknownPort", None, None, () => asm.@out(0x80, al));

        return g.Build(initialData: [0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44]);
    }

    private static int SlotOffset(int slot) => CallFrameLayout.SlotsOffset + (slot * CallFrameLayout.SlotSize);

    private static void Place(GuestImageBuilder g, string name, CoreValueType[] parameters, CoreValueType[] results, Action body)
    {
        Label label = g.Export(name, parameters, results);
        g.Asm.Label(ref label);
        body();
    }

    /// <summary>Copies the argument bytes into linear memory and back into the payload at offset 0 (the result's place).</summary>
    private static void EmitEcho(GuestImageBuilder g)
    {
        Assembler asm = g.Asm;
        Label fits = asm.CreateLabel();
        asm.mov(rax, Slot(0));
        asm.mov(ecx, eax);          // payload offset
        asm.mov(r8, rax);
        asm.shr(r8, 32);            // length
        asm.cmp(r8, 0x8000);
        asm.jbe(fits);
        g.Trap(TrapKind.ProtocolViolation);
        asm.Label(ref fits);
        asm.lea(rsi, __[rbx + rcx + CallFrameLayout.PayloadOffset]);
        asm.mov(rdi, Control(ControlPage.LinearMemoryBase));
        asm.add(rdi, LinearScratch);
        asm.mov(rcx, r8);
        asm.rep.movsb();
        asm.mov(rsi, Control(ControlPage.LinearMemoryBase));
        asm.add(rsi, LinearScratch);
        asm.lea(rdi, __[rbx + CallFrameLayout.PayloadOffset]);
        asm.mov(rcx, r8);
        asm.rep.movsb();
        asm.mov(__dword_ptr[rbx + CallFrameLayout.PayloadLengthOffset], r8d);
        asm.shl(r8, 32);
        asm.mov(Slot(0), r8);
        g.Return();
    }
}
