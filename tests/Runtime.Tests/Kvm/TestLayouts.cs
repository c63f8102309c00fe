using Hyperlight.Vm;

namespace Hyperlight.Tests.Kvm;

/// <summary>Guest layouts for the KVM tests, built in one place so a change of the layout API touches one file.</summary>
internal static class TestLayouts
{
    /// <summary>A guest with <paramref name="codeSize"/> bytes of code and a small linear memory.</summary>
    public static GuestLayout Create(long codeSize = 4096, long linearMemory = 65536) => GuestLayout.Create(
        new GuestLayoutRequest(ImageCodeSize: codeSize, StubsSize: 64, CallFrameSize: CallFrameLayout.MinimumSize, DataSize: 64, LinearMemoryInitial: linearMemory, LinearMemoryReserve: linearMemory),
        MicroVmOptions.Default);
}
