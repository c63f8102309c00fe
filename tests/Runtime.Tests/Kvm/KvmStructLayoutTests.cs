using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hyperlight.Vm.Kvm.Abi;
using Hyperlight.Vm.Kvm.Native;

namespace Hyperlight.Tests.Kvm;

/// <summary>
/// The KVM structs against the sizes and offsets of linux/kvm.h on x86-64 (shared/reference/kvm-abi.md;
/// kvm_vcpu_events and sigaction from the kernel and glibc headers). A wrong layout would hand the
/// kernel garbage, so every field the driver touches is pinned here.
/// </summary>
public sealed class KvmStructLayoutTests
{
    [Theory]
    [InlineData(typeof(KvmRegs), 144)]
    [InlineData(typeof(KvmSregs), 312)]
    [InlineData(typeof(KvmSegment), 24)]
    [InlineData(typeof(KvmDescriptorTable), 16)]
    [InlineData(typeof(KvmUserspaceMemoryRegion), 32)]
    [InlineData(typeof(KvmRun), 2352)]
    [InlineData(typeof(KvmCpuid2Header), 8)]
    [InlineData(typeof(KvmCpuidEntry2), 40)]
    [InlineData(typeof(KvmMsrsHeader), 8)]
    [InlineData(typeof(KvmMsrEntry), 16)]
    [InlineData(typeof(KvmVcpuEvents), 64)]
    [InlineData(typeof(SigAction), 152)]
    public void Struct_has_the_kernel_size(Type type, int size)
    {
        Assert.Equal(size, Marshal.SizeOf(type));
        Assert.Equal(size, ManagedSize(type));
    }

    [Theory]
    [InlineData(typeof(KvmRegs), nameof(KvmRegs.Rax), 0)]
    [InlineData(typeof(KvmRegs), nameof(KvmRegs.Rdi), 40)]
    [InlineData(typeof(KvmRegs), nameof(KvmRegs.Rsp), 48)]
    [InlineData(typeof(KvmRegs), nameof(KvmRegs.Rbp), 56)]
    [InlineData(typeof(KvmRegs), nameof(KvmRegs.R15), 120)]
    [InlineData(typeof(KvmRegs), nameof(KvmRegs.Rip), 128)]
    [InlineData(typeof(KvmRegs), nameof(KvmRegs.Rflags), 136)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Cs), 0)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Ds), 24)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Es), 48)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Fs), 72)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Gs), 96)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Ss), 120)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Tr), 144)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Ldt), 168)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Gdt), 192)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Idt), 208)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Cr0), 224)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Cr2), 232)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Cr3), 240)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Cr4), 248)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Cr8), 256)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.Efer), 264)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.ApicBase), 272)]
    [InlineData(typeof(KvmSregs), nameof(KvmSregs.InterruptBitmap), 280)]
    [InlineData(typeof(KvmSegment), nameof(KvmSegment.Base), 0)]
    [InlineData(typeof(KvmSegment), nameof(KvmSegment.Limit), 8)]
    [InlineData(typeof(KvmSegment), nameof(KvmSegment.Selector), 12)]
    [InlineData(typeof(KvmSegment), nameof(KvmSegment.Type), 14)]
    [InlineData(typeof(KvmSegment), nameof(KvmSegment.Present), 15)]
    [InlineData(typeof(KvmSegment), nameof(KvmSegment.Dpl), 16)]
    [InlineData(typeof(KvmSegment), nameof(KvmSegment.Db), 17)]
    [InlineData(typeof(KvmSegment), nameof(KvmSegment.S), 18)]
    [InlineData(typeof(KvmSegment), nameof(KvmSegment.L), 19)]
    [InlineData(typeof(KvmSegment), nameof(KvmSegment.G), 20)]
    [InlineData(typeof(KvmSegment), nameof(KvmSegment.Avl), 21)]
    [InlineData(typeof(KvmSegment), nameof(KvmSegment.Unusable), 22)]
    [InlineData(typeof(KvmDescriptorTable), nameof(KvmDescriptorTable.Base), 0)]
    [InlineData(typeof(KvmDescriptorTable), nameof(KvmDescriptorTable.Limit), 8)]
    [InlineData(typeof(KvmUserspaceMemoryRegion), nameof(KvmUserspaceMemoryRegion.Slot), 0)]
    [InlineData(typeof(KvmUserspaceMemoryRegion), nameof(KvmUserspaceMemoryRegion.Flags), 4)]
    [InlineData(typeof(KvmUserspaceMemoryRegion), nameof(KvmUserspaceMemoryRegion.GuestPhysAddr), 8)]
    [InlineData(typeof(KvmUserspaceMemoryRegion), nameof(KvmUserspaceMemoryRegion.MemorySize), 16)]
    [InlineData(typeof(KvmUserspaceMemoryRegion), nameof(KvmUserspaceMemoryRegion.UserspaceAddr), 24)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.RequestInterruptWindow), 0)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.ImmediateExit), 1)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.ExitReason), 8)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.ReadyForInterruptInjection), 12)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.IfFlag), 13)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.Flags), 14)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.Cr8), 16)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.ApicBase), 24)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.Io), 32)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.Mmio), 32)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.FailEntry), 32)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.Internal), 32)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.Exception), 32)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.KvmValidRegs), 288)]
    [InlineData(typeof(KvmRun), nameof(KvmRun.KvmDirtyRegs), 296)]
    [InlineData(typeof(KvmCpuidEntry2), nameof(KvmCpuidEntry2.Function), 0)]
    [InlineData(typeof(KvmCpuidEntry2), nameof(KvmCpuidEntry2.Index), 4)]
    [InlineData(typeof(KvmCpuidEntry2), nameof(KvmCpuidEntry2.Flags), 8)]
    [InlineData(typeof(KvmCpuidEntry2), nameof(KvmCpuidEntry2.Eax), 12)]
    [InlineData(typeof(KvmCpuidEntry2), nameof(KvmCpuidEntry2.Ebx), 16)]
    [InlineData(typeof(KvmCpuidEntry2), nameof(KvmCpuidEntry2.Ecx), 20)]
    [InlineData(typeof(KvmCpuidEntry2), nameof(KvmCpuidEntry2.Edx), 24)]
    [InlineData(typeof(KvmCpuid2Header), nameof(KvmCpuid2Header.Nent), 0)]
    [InlineData(typeof(KvmMsrsHeader), nameof(KvmMsrsHeader.Nmsrs), 0)]
    [InlineData(typeof(KvmMsrEntry), nameof(KvmMsrEntry.Index), 0)]
    [InlineData(typeof(KvmMsrEntry), nameof(KvmMsrEntry.Data), 8)]
    [InlineData(typeof(KvmVcpuEvents), nameof(KvmVcpuEvents.ExceptionInjected), 0)]
    [InlineData(typeof(KvmVcpuEvents), nameof(KvmVcpuEvents.ExceptionNr), 1)]
    [InlineData(typeof(KvmVcpuEvents), nameof(KvmVcpuEvents.ExceptionHasErrorCode), 2)]
    [InlineData(typeof(KvmVcpuEvents), nameof(KvmVcpuEvents.ExceptionPending), 3)]
    [InlineData(typeof(KvmVcpuEvents), nameof(KvmVcpuEvents.ExceptionErrorCode), 4)]
    [InlineData(typeof(KvmVcpuEvents), nameof(KvmVcpuEvents.InterruptInjected), 8)]
    [InlineData(typeof(KvmVcpuEvents), nameof(KvmVcpuEvents.NmiInjected), 12)]
    [InlineData(typeof(KvmVcpuEvents), nameof(KvmVcpuEvents.SipiVector), 16)]
    [InlineData(typeof(KvmVcpuEvents), nameof(KvmVcpuEvents.Flags), 20)]
    [InlineData(typeof(KvmVcpuEvents), nameof(KvmVcpuEvents.SmiSmm), 24)]
    [InlineData(typeof(KvmVcpuEvents), nameof(KvmVcpuEvents.ExceptionHasPayload), 55)]
    [InlineData(typeof(KvmVcpuEvents), nameof(KvmVcpuEvents.ExceptionPayload), 56)]
    [InlineData(typeof(SigAction), nameof(SigAction.Handler), 0)]
    [InlineData(typeof(SigAction), nameof(SigAction.Mask), 8)]
    [InlineData(typeof(SigAction), nameof(SigAction.Flags), 136)]
    [InlineData(typeof(SigAction), nameof(SigAction.Restorer), 144)]
    public void Field_is_at_the_kernel_offset(Type type, string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf(type, field));

    [Theory]
    [InlineData(nameof(KvmRun.Io), typeof(KvmRunIo), nameof(KvmRunIo.Direction), 32)]
    [InlineData(nameof(KvmRun.Io), typeof(KvmRunIo), nameof(KvmRunIo.Size), 33)]
    [InlineData(nameof(KvmRun.Io), typeof(KvmRunIo), nameof(KvmRunIo.Port), 34)]
    [InlineData(nameof(KvmRun.Io), typeof(KvmRunIo), nameof(KvmRunIo.Count), 36)]
    [InlineData(nameof(KvmRun.Io), typeof(KvmRunIo), nameof(KvmRunIo.DataOffset), 40)]
    [InlineData(nameof(KvmRun.Mmio), typeof(KvmRunMmio), nameof(KvmRunMmio.PhysAddr), 32)]
    [InlineData(nameof(KvmRun.Mmio), typeof(KvmRunMmio), nameof(KvmRunMmio.Data), 40)]
    [InlineData(nameof(KvmRun.Mmio), typeof(KvmRunMmio), nameof(KvmRunMmio.Len), 48)]
    [InlineData(nameof(KvmRun.Mmio), typeof(KvmRunMmio), nameof(KvmRunMmio.IsWrite), 52)]
    [InlineData(nameof(KvmRun.FailEntry), typeof(KvmRunFailEntry), nameof(KvmRunFailEntry.HardwareEntryFailureReason), 32)]
    [InlineData(nameof(KvmRun.FailEntry), typeof(KvmRunFailEntry), nameof(KvmRunFailEntry.Cpu), 40)]
    [InlineData(nameof(KvmRun.Internal), typeof(KvmRunInternalError), nameof(KvmRunInternalError.Suberror), 32)]
    [InlineData(nameof(KvmRun.Internal), typeof(KvmRunInternalError), nameof(KvmRunInternalError.Ndata), 36)]
    [InlineData(nameof(KvmRun.Internal), typeof(KvmRunInternalError), nameof(KvmRunInternalError.Data), 40)]
    [InlineData(nameof(KvmRun.Exception), typeof(KvmRunException), nameof(KvmRunException.Exception), 32)]
    [InlineData(nameof(KvmRun.Exception), typeof(KvmRunException), nameof(KvmRunException.ErrorCode), 36)]
    public void Exit_detail_field_is_at_the_kernel_offset_in_kvm_run(string unionMember, Type memberType, string field, int offsetInKvmRun) =>
        Assert.Equal(offsetInKvmRun, (int)Marshal.OffsetOf<KvmRun>(unionMember) + (int)Marshal.OffsetOf(memberType, field));

    /// <summary>
    /// An ioctl number is <c>_IOC(direction, 0xAE, number, size)</c>: bits 30–31 say whether the kernel
    /// reads (1) and/or writes (2) the argument, bits 16–29 its size, which must be our struct's.
    /// </summary>
    [Theory]
    [InlineData(nameof(KvmIoctl.GetRegs), typeof(KvmRegs), 2)]
    [InlineData(nameof(KvmIoctl.SetRegs), typeof(KvmRegs), 1)]
    [InlineData(nameof(KvmIoctl.GetSregs), typeof(KvmSregs), 2)]
    [InlineData(nameof(KvmIoctl.SetSregs), typeof(KvmSregs), 1)]
    [InlineData(nameof(KvmIoctl.SetUserMemoryRegion), typeof(KvmUserspaceMemoryRegion), 1)]
    [InlineData(nameof(KvmIoctl.GetSupportedCpuid), typeof(KvmCpuid2Header), 3)]
    [InlineData(nameof(KvmIoctl.SetCpuid2), typeof(KvmCpuid2Header), 1)]
    [InlineData(nameof(KvmIoctl.SetMsrs), typeof(KvmMsrsHeader), 1)]
    [InlineData(nameof(KvmIoctl.GetVcpuEvents), typeof(KvmVcpuEvents), 2)]
    [InlineData(nameof(KvmIoctl.SetVcpuEvents), typeof(KvmVcpuEvents), 1)]
    [InlineData(nameof(KvmIoctl.SetMpState), typeof(uint), 1)]
    public void Ioctl_number_encodes_the_argument_size_and_direction(string request, Type argument, int direction)
    {
        ulong number = Request(request);
        Assert.Equal(0xAEul, (number >> 8) & 0xFF); // KVMIO
        Assert.Equal((ulong)Marshal.SizeOf(argument), (number >> 16) & 0x3FFF);
        Assert.Equal((ulong)direction, number >> 30);
    }

    [Theory]
    [InlineData(nameof(KvmIoctl.GetApiVersion))]
    [InlineData(nameof(KvmIoctl.CreateVm))]
    [InlineData(nameof(KvmIoctl.CheckExtension))]
    [InlineData(nameof(KvmIoctl.GetVcpuMmapSize))]
    [InlineData(nameof(KvmIoctl.CreateVcpu))]
    [InlineData(nameof(KvmIoctl.Run))]
    public void Ioctl_with_an_integer_argument_encodes_no_struct(string request) =>
        Assert.Equal(0ul, Request(request) >> 16);

    // nuint constants are stored as uint in metadata, hence the conversion rather than a cast.
    private static ulong Request(string name) => Convert.ToUInt64(typeof(KvmIoctl).GetField(name)!.GetValue(null), CultureInfo.InvariantCulture);

    private static int ManagedSize(Type type) =>
        (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;
}
