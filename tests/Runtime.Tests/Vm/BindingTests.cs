using Hyperlight.Images;
using Hyperlight.Tests.Vm.Guests;
using Hyperlight.Vm;

namespace Hyperlight.Tests.Vm;

[GuestFunction]
public partial interface IMissingExportGuest
{
    int NotExported(int value);
}

[GuestFunction]
public partial interface IWrongSignatureGuest
{
    long Add(long a, long b);
}

[HostFunction]
public partial interface IWrongLogHost
{
    long Accumulate(int value);
    void Log(int message);
    string GetName();
    void Explode();
}

[HostFunction(Module = "other")]
public partial interface IOtherModuleHost
{
    long Accumulate(int value);
    void Log(string message);
    string GetName();
    void Explode();
}

public sealed class BindingTests
{
    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_missing_export_names_the_method_and_lists_the_exports(MicroVmDriver driver)
    {
        using Sandbox sandbox = TestSandboxes.Create(driver);

        var error = Assert.Throws<GuestBindingException>(sandbox.Guest<IMissingExportGuest>);

        Assert.Contains("NotExported", error.Message, StringComparison.Ordinal);
        Assert.Contains("Add (i32, i32) -> i32", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_signature_mismatch_names_both_signatures(MicroVmDriver driver)
    {
        SandboxBuilder builder = TestSandboxes.Builder(driver).WithGuestFunctions<IWrongSignatureGuest>();

        var error = Assert.Throws<GuestBindingException>(builder.Build);

        Assert.Contains("(i32, i32) -> i32", error.Message, StringComparison.Ordinal);
        Assert.Contains("(i64, i64) -> i64", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Every_import_must_be_provided(MicroVmDriver driver)
    {
        SandboxBuilder builder = new SandboxBuilder()
            .WithWasmModule(ReadOnlyMemory<byte>.Empty)
            .WithEngine(TestSandboxes.Factory(driver));

        var error = Assert.Throws<GuestBindingException>(builder.Build);

        Assert.Contains("env.Accumulate (i32) -> i64", error.Message, StringComparison.Ordinal);
        Assert.Contains("Host functions offered: none", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void An_import_with_another_signature_is_refused(MicroVmDriver driver)
    {
        SandboxBuilder builder = new SandboxBuilder()
            .WithWasmModule(ReadOnlyMemory<byte>.Empty)
            .WithHostFunctions<IWrongLogHost>(new WrongLogHost())
            .WithEngine(TestSandboxes.Factory(driver));

        var error = Assert.Throws<GuestBindingException>(builder.Build);

        Assert.Contains("env.Log (i32, i32) -> ()", error.Message, StringComparison.Ordinal);
        Assert.Contains("(i32) -> ()", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Imports_are_matched_by_module_too(MicroVmDriver driver)
    {
        SandboxBuilder builder = new SandboxBuilder()
            .WithWasmModule(ReadOnlyMemory<byte>.Empty)
            .WithHostFunctions<IOtherModuleHost>(new OtherModuleHost())
            .WithEngine(TestSandboxes.Factory(driver));

        var error = Assert.Throws<GuestBindingException>(builder.Build);

        Assert.Contains("other.Log(string) -> void", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_malformed_image_is_a_configuration_error(MicroVmDriver driver)
    {
        var image = new GuestImage { Code = [0xC3], EntryOffset = 5 };

        var error = Assert.Throws<SandboxConfigurationException>(
            new SandboxBuilder().WithWasmModule(ReadOnlyMemory<byte>.Empty).WithEngine(TestSandboxes.Factory(driver, image)).Build);

        Assert.Contains("entry offset 5", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void Linear_memory_above_the_limit_is_refused_with_the_numbers(MicroVmDriver driver)
    {
        var image = new GuestImage { Code = [0xC3], EntryOffset = 0, MemoryMinimumPages = 100 };

        var error = Assert.Throws<SandboxConfigurationException>(
            new SandboxBuilder().WithWasmModule(ReadOnlyMemory<byte>.Empty).WithEngine(TestSandboxes.Factory(driver, image))
                .Configure(o => o.MemoryLimitBytes = 1 << 20).Build);

        Assert.Contains("6553600", error.Message, StringComparison.Ordinal);
        Assert.Contains("1048576", error.Message, StringComparison.Ordinal);
    }

    private sealed class WrongLogHost : IWrongLogHost
    {
        public long Accumulate(int value) => value;
        public void Log(int message) { }
        public string GetName() => "";
        public void Explode() { }
    }

    private sealed class OtherModuleHost : IOtherModuleHost
    {
        public long Accumulate(int value) => value;
        public void Log(string message) { }
        public string GetName() => "";
        public void Explode() { }
    }
}
