using System.Runtime.InteropServices;

namespace Hyperlight.Vm.Emulated;

/// <summary>
/// The Unicorn 2 C API (Debian <c>libunicorn2</c>), the calls and constants the emulated driver uses
/// (shared/reference/unicorn-abi.md).
/// </summary>
internal static unsafe partial class Unicorn
{
    public const string Library = "libunicorn.so.2";

    public const int ArchX86 = 4;
    public const int Mode64 = 8;
    public const uint ProtAll = 7;

    public const int ErrOk = 0;
    public const int ErrInstructionInvalid = 10;

    public const int HookInterrupt = 1;
    public const int HookInstruction = 2;
    public const int InstructionOut = 500;

    public const int RegRax = 35, RegRbp = 36, RegRbx = 37, RegRcx = 38, RegRdi = 39, RegRdx = 40, RegRip = 41, RegRsi = 43, RegRsp = 44;
    public const int RegR8 = 106, RegR9 = 107, RegR10 = 108, RegR11 = 109, RegR12 = 110, RegR13 = 111, RegR14 = 112, RegR15 = 113;
    public const int RegRflags = 253;
    public const int RegCs = 11, RegDs = 17, RegEs = 28, RegFs = 32, RegGs = 33, RegSs = 49;
    public const int RegCr0 = 50, RegCr3 = 53, RegCr4 = 54;
    public const int RegGdtr = 243;
    public const int RegMsr = 248;

    /// <summary><c>uc_x86_mmr</c>: a descriptor-table register.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct X86Mmr
    {
        public ushort Selector;
        public ulong Base;
        public uint Limit;
        public uint Flags;
    }

    /// <summary><c>uc_x86_msr</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct X86Msr
    {
        public uint Id;
        public ulong Value;
    }

    [LibraryImport(Library, EntryPoint = "uc_open")]
    public static partial int Open(int arch, int mode, out nint engine);

    [LibraryImport(Library, EntryPoint = "uc_close")]
    public static partial int Close(nint engine);

    [LibraryImport(Library, EntryPoint = "uc_mem_map_ptr")]
    public static partial int MemMapPtr(nint engine, ulong address, nuint size, uint perms, void* memory);

    [LibraryImport(Library, EntryPoint = "uc_reg_write")]
    [SuppressGCTransition]
    public static partial int RegWrite(nint engine, int register, void* value);

    [LibraryImport(Library, EntryPoint = "uc_reg_read")]
    [SuppressGCTransition]
    public static partial int RegRead(nint engine, int register, void* value);

    /// <summary>Runs until <c>uc_emu_stop</c>, an error, or <paramref name="until"/>; hooks call back into managed code, so no GC-transition suppression here.</summary>
    [LibraryImport(Library, EntryPoint = "uc_emu_start")]
    public static partial int EmuStart(nint engine, ulong begin, ulong until, ulong timeoutMicroseconds, nuint count);

    [LibraryImport(Library, EntryPoint = "uc_emu_stop")]
    public static partial int EmuStop(nint engine);

    [LibraryImport(Library, EntryPoint = "uc_context_alloc")]
    public static partial int ContextAlloc(nint engine, out nint context);

    [LibraryImport(Library, EntryPoint = "uc_context_save")]
    public static partial int ContextSave(nint engine, nint context);

    [LibraryImport(Library, EntryPoint = "uc_context_restore")]
    [SuppressGCTransition]
    public static partial int ContextRestore(nint engine, nint context);

    [LibraryImport(Library, EntryPoint = "uc_context_free")]
    public static partial int ContextFree(nint context);

    /// <summary>
    /// <c>uc_hook_add</c> is variadic; on x86-64 SysV a fixed-argument call with integer arguments is
    /// compatible (the trailing int names the instruction for instruction hooks).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "uc_hook_add")]
    public static partial int HookAdd(nint engine, out nuint hook, int type, void* callback, nint userData, ulong begin, ulong end, int instruction);

    [LibraryImport(Library, EntryPoint = "uc_strerror")]
    private static partial byte* StrError(int error);

    public static string Describe(int error) => $"{Marshal.PtrToStringUTF8((nint)StrError(error))} (uc_err {error})";
}
