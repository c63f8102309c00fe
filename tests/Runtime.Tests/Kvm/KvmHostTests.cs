using Hyperlight.Vm.Kvm;

namespace Hyperlight.Tests.Kvm;

/// <summary>The availability probe and its sentences (what a skipped test or a log line shows).</summary>
public sealed class KvmHostTests
{
    [Fact]
    public void Availability_and_reason_agree()
    {
        if (KvmDriver.IsAvailable)
            Assert.Equal("", KvmDriver.UnavailableReason);
        else
            Assert.Contains("/dev/kvm", KvmDriver.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_device_says_not_present()
    {
        string reason = KvmHost.DescribeOpenFailure(errno: 2);

        Assert.StartsWith("/dev/kvm not present", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(13)] // EACCES
    [InlineData(1)]  // EPERM
    public void Permission_problem_names_the_fix(int errno)
    {
        string reason = KvmHost.DescribeOpenFailure(errno);

        Assert.Contains("kvm", reason, StringComparison.Ordinal);
        Assert.Contains("group", reason, StringComparison.Ordinal);
        Assert.Contains($"errno {errno}", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Device_without_module_names_the_modules()
    {
        Assert.Contains("kvm_intel", KvmHost.DescribeOpenFailure(errno: 6), StringComparison.Ordinal);
    }

    [Fact]
    public void Other_open_errors_carry_the_errno()
    {
        Assert.Contains("errno 24", KvmHost.DescribeOpenFailure(errno: 24), StringComparison.Ordinal);
    }

    [Fact]
    public void Api_version_12_is_accepted()
    {
        Assert.Null(KvmHost.DescribeApiVersion(12));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(0)]
    public void Other_api_versions_are_refused_with_both_numbers(int version)
    {
        string? reason = KvmHost.DescribeApiVersion(version);

        Assert.NotNull(reason);
        Assert.Contains($"version {version}", reason, StringComparison.Ordinal);
        Assert.Contains("12", reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Without_kvm_creating_a_driver_fails_with_the_reason()
    {
        Skip.If(KvmDriver.IsAvailable, "this host has KVM; the test covers hosts without it");

        var error = Assert.Throws<IsolationUnavailableException>(() => KvmHost.Instance);
        Assert.Contains(KvmDriver.UnavailableReason, error.Message, StringComparison.Ordinal);
    }
}
