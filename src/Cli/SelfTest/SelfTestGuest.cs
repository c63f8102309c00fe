using Hyperlight.Images;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hyperlight.Cli.SelfTest;

/// <summary>
/// A hand-assembled guest image that speaks the micro-VM protocol (vm-brief "Entry and exits") with
/// one function per thing the self-test checks, so the checks do not depend on the Wasm compiler.
/// Entered with RDI = control page; the call frame's address is read from it.
/// </summary>
internal static class SelfTestGuest
{
    private const uint EchoImportIndex = 0;

    public static GuestImage Image { get; } = Build();

    private static GuestImage Build()
    {
        var asm = new Assembler(64);
        Label[] exports = [.. Enumerable.Range(0, 7).Select(_ => asm.CreateLabel())];
        Label complete = asm.CreateLabel();
        Label trapFrom = asm.CreateLabel();

        // Dispatcher: RSI = call frame, EAX = function index.
        asm.mov(rsi, __qword_ptr[rdi + ControlPage.CallFrameAddress]);
        asm.mov(eax, __dword_ptr[rsi + CallFrameLayout.FunctionIndexOffset]);
        for (int i = 0; i < exports.Length; i++)
        {
            asm.cmp(eax, i);
            asm.je(exports[i]);
        }
        asm.mov(__dword_ptr[rdi + ControlPage.TrapKindField], (int)TrapKind.ProtocolViolation);
        asm.jmp(trapFrom);

        // 0 Nop()
        asm.Label(ref exports[0]);
        asm.jmp(complete);

        // 1 Add(a, b): slot 0 = a + b (32-bit, zero-extended).
        asm.Label(ref exports[1]);
        asm.mov(eax, __dword_ptr[rsi + Slot(0)]);
        asm.add(eax, __dword_ptr[rsi + Slot(1)]);
        asm.mov(__qword_ptr[rsi + Slot(0)], rax);
        asm.jmp(complete);

        // 2 CallHost(value): the import thunk of Echo, inline.
        asm.Label(ref exports[2]);
        asm.mov(eax, __dword_ptr[rsi + Slot(0)]);
        asm.mov(__dword_ptr[rsi + CallFrameLayout.FunctionIndexOffset], (int)EchoImportIndex);
        asm.mov(__dword_ptr[rsi + CallFrameLayout.StatusOffset], (int)CallFrameStatus.HostCallRequested);
        asm.mov(__dword_ptr[rsi + CallFrameLayout.SlotCountOffset], 1);
        asm.mov(__qword_ptr[rsi + Slot(0)], rax);
        asm.call(__qword_ptr[rdi + ControlPage.HostCallEntry]);
        asm.mov(eax, __dword_ptr[rsi + Slot(0)]);
        asm.mov(__qword_ptr[rsi + Slot(0)], rax);
        asm.jmp(complete);

        // 3 Trap(): an unreachable trap, recorded as Wasm function 3.
        asm.Label(ref exports[3]);
        asm.mov(__dword_ptr[rdi + ControlPage.TrapKindField], (int)TrapKind.Unreachable);
        asm.jmp(trapFrom);

        // 4 Fault(): load from linear memory base + maximum, the first byte of the guard region.
        asm.Label(ref exports[4]);
        asm.mov(rax, __qword_ptr[rdi + ControlPage.LinearMemoryBase]);
        asm.add(rax, __qword_ptr[rdi + ControlPage.LinearMemoryMaximum]);
        asm.mov(rax, __qword_ptr[rax]);
        asm.jmp(complete);

        // 5 Spin(): no exits, no interrupt-flag polls.
        asm.Label(ref exports[5]);
        asm.jmp(exports[5]);

        // 6 Poke(value): swap the i32 at linear memory 0.
        asm.Label(ref exports[6]);
        asm.mov(rdx, __qword_ptr[rdi + ControlPage.LinearMemoryBase]);
        asm.mov(eax, __dword_ptr[rdx]);
        asm.mov(ecx, __dword_ptr[rsi + Slot(0)]);
        asm.mov(__dword_ptr[rdx], ecx);
        asm.mov(__qword_ptr[rsi + Slot(0)], rax);
        asm.jmp(complete);

        asm.Label(ref complete);
        asm.mov(__dword_ptr[rsi + CallFrameLayout.StatusOffset], (int)CallFrameStatus.GuestCallCompleted);
        asm.jmp(__qword_ptr[rdi + ControlPage.ReturnEntry]);

        // Trap tail: the kind is already written; the function index is the one that was called.
        asm.Label(ref trapFrom);
        asm.mov(__dword_ptr[rdi + ControlPage.TrapFunctionIndex], eax);
        asm.mov(__dword_ptr[rdi + ControlPage.TrapCodeOffset], 0);
        asm.lea(rcx, __[trapFrom]);
        asm.mov(__qword_ptr[rdi + ControlPage.TrapRip], rcx);
        asm.jmp(__qword_ptr[rdi + ControlPage.TrapEntry]);

        using var stream = new MemoryStream();
        asm.Assemble(new StreamCodeWriter(stream), 0);
        return new GuestImage
        {
            Code = stream.ToArray(),
            EntryOffset = 0,
            Exports =
            [
                new GuestExport(nameof(ISelfTestGuest.Nop), 0, [], []),
                new GuestExport(nameof(ISelfTestGuest.Add), 1, [CoreValueType.I32, CoreValueType.I32], [CoreValueType.I32]),
                new GuestExport(nameof(ISelfTestGuest.CallHost), 2, [CoreValueType.I32], [CoreValueType.I32]),
                new GuestExport(nameof(ISelfTestGuest.Trap), 3, [], []),
                new GuestExport(nameof(ISelfTestGuest.Fault), 4, [], []),
                new GuestExport(nameof(ISelfTestGuest.Spin), 5, [], []),
                new GuestExport(nameof(ISelfTestGuest.Poke), 6, [CoreValueType.I32], [CoreValueType.I32]),
            ],
            Imports = [new GuestImport("env", nameof(ISelfTestHost.Echo), EchoImportIndex, [CoreValueType.I32], [CoreValueType.I32])],
            MemoryMinimumPages = 1,
            MemoryMaximumPages = 1,
        };
    }

    private static int Slot(int index) => CallFrameLayout.SlotsOffset + (index * CallFrameLayout.SlotSize);
}
