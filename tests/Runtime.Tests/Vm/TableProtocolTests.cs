using System.Buffers.Binary;
using Hyperlight.Images;
using Hyperlight.Tests.Instances;
using Hyperlight.Vm;
using Hyperlight.Wasm;

namespace Hyperlight.Tests.Vm;

/// <summary>
/// A micro-VM guest writes its tables' size cells and elements itself, so the host must not trust
/// them: a size beyond the reserved capacity, a funcref naming no function, an externref handle the
/// host never issued are protocol errors, never a read past the table or a wrong object. Valid Wasm
/// cannot write such values, so the tests plant them in the image's initial instance data.
/// </summary>
public sealed class TableProtocolTests
{
    private const string Module = """
        (module
          (table (export "callbacks") 2 4 funcref)
          (table (export "objects") 2 externref)
          (func (export "noop")))
        """;

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_size_beyond_the_capacity_is_a_protocol_error(MicroVmDriver driver)
    {
        (GuestImage image, GuestTable callbacks) = CompileFindingTable("callbacks");
        Plant(image, callbacks.Offset, callbacks.Capacity + 1);
        using Sandbox sandbox = Build(driver, image);

        var size = Assert.Throws<GuestProtocolException>(() => sandbox.GetTableSize("callbacks"));
        var element = Assert.Throws<GuestProtocolException>(() => sandbox.GetTableElement("callbacks", 4));

        Assert.Contains("size of table 'callbacks' to 5, beyond the 4 elements", size.Message, StringComparison.Ordinal);
        Assert.Contains("beyond the 4 elements", element.Message, StringComparison.Ordinal);
        Assert.Equal(2, sandbox.GetTableSize("objects"));
        sandbox.Invoke("noop");
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_funcref_naming_no_function_is_a_protocol_error(MicroVmDriver driver)
    {
        (GuestImage image, GuestTable callbacks) = CompileFindingTable("callbacks");
        Plant(image, callbacks.Offset + 16, image.FunctionCount + 1);
        using Sandbox sandbox = Build(driver, image);

        var error = Assert.Throws<GuestProtocolException>(() => sandbox.GetTableElement("callbacks", 1));

        Assert.Contains($"funcref {image.FunctionCount + 1}, which names no function", error.Message, StringComparison.Ordinal);
        Assert.Null(sandbox.GetTableElement("callbacks", 0).AsFuncRef());
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void An_externref_handle_the_host_never_issued_is_a_protocol_error(MicroVmDriver driver)
    {
        (GuestImage image, GuestTable objects) = CompileFindingTable("objects");
        Plant(image, objects.Offset + 8, 77);
        using Sandbox sandbox = Build(driver, image);

        var error = Assert.Throws<GuestProtocolException>(() => sandbox.GetTableElement("objects", 0));

        Assert.Contains("externref handle 77", error.Message, StringComparison.Ordinal);
        Assert.Null(sandbox.GetTableElement("objects", 1).AsExternRef());
    }

    [SkippableTheory]
    [MemberData(nameof(VmDrivers.All), MemberType = typeof(VmDrivers))]
    public void A_table_the_image_places_past_its_data_region_is_a_configuration_error(MicroVmDriver driver)
    {
        (GuestImage compiled, GuestTable callbacks) = CompileFindingTable("callbacks");
        var image = new GuestImage
        {
            Code = compiled.Code,
            EntryOffset = compiled.EntryOffset,
            DataRegionSize = compiled.DataRegionSize,
            InitialData = compiled.InitialData,
            Tables = [callbacks with { Capacity = (uint)compiled.DataRegionSize }],
        };
        using Sandbox sandbox = Build(driver, image);

        var error = Assert.Throws<SandboxConfigurationException>(() => sandbox.Exports);

        Assert.Contains("table 'callbacks'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A fresh compilation, since each test plants into its own image, and where it placed <paramref name="table"/>.</summary>
    private static (GuestImage Image, GuestTable Table) CompileFindingTable(string table)
    {
        GuestImage image = WasmCompiler.Compile(Wat.ToWasm(Module));
        return (image, image.Tables.Single(t => t.Name == table));
    }

    /// <summary>Writes <paramref name="value"/> into the image's initial instance data, which the sandbox starts from.</summary>
    private static void Plant(GuestImage image, int offset, ulong value) =>
        BinaryPrimitives.WriteUInt64LittleEndian(image.InitialData.AsSpan(offset), value);

    private static Sandbox Build(MicroVmDriver driver, GuestImage image) =>
        new SandboxBuilder().WithWasmModule(ReadOnlyMemory<byte>.Empty).WithEngine(TestSandboxes.Factory(driver, image)).Build();
}
