using Hyperlight.Images;
using Hyperlight.Wasm.Tests.Binary;

namespace Hyperlight.Wasm.Tests.Caching;

public sealed class GuestImageSerializerTests
{
    internal static readonly byte[] Module = Wat.ToWasm("""
        (module
          (import "env" "log" (func $log (param i32 i32)))
          (memory (export "memory") 1 4)
          (global $counter (mut i32) (i32.const 7))
          (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
          (func $bump (export "bump") (result i32)
            global.get $counter i32.const 1 i32.add global.set $counter global.get $counter)
          (func (export "divide") (param i64 i64) (result i64) local.get 0 local.get 1 i64.div_s)
          (export "counter" (global $counter))
          (global (export "ratio") f64 (f64.const 0.5))
          (global (export "held") (mut externref) (ref.null extern))
          (table (export "callbacks") 2 funcref)
          (func (export "pick") (param externref funcref) (result funcref externref) local.get 1 local.get 0))
        """);

    [Fact]
    public void An_image_survives_a_round_trip_unchanged()
    {
        GuestImage image = WasmCompiler.Compile(Module);

        GuestImage copy = GuestImageSerializer.Deserialize(GuestImageSerializer.Serialize(image));

        Assert.Equal(image.Code, copy.Code);
        Assert.Equal(image.EntryOffset, copy.EntryOffset);
        Assert.Equal(image.NeedsInitialization, copy.NeedsInitialization);
        Assert.Equal(image.DataRegionSize, copy.DataRegionSize);
        Assert.Equal(image.InitialData, copy.InitialData);
        Assert.Equal(image.MemoryMinimumPages, copy.MemoryMinimumPages);
        Assert.Equal(image.MemoryMaximumPages, copy.MemoryMaximumPages);
        Assert.Equal(Describe(image.Exports), Describe(copy.Exports));
        Assert.Equal(image.Imports.Select(i => $"{i.Module}.{i.Name}#{i.Index}:{string.Join(",", i.Parameters)}->{string.Join(",", i.Results)}"),
                     copy.Imports.Select(i => $"{i.Module}.{i.Name}#{i.Index}:{string.Join(",", i.Parameters)}->{string.Join(",", i.Results)}"));
        Assert.Equal(image.TrapSites, copy.TrapSites);
        Assert.Equal(image.FunctionNames.OrderBy(p => p.Key), copy.FunctionNames.OrderBy(p => p.Key));
        Assert.Equal(image.Globals, copy.Globals);
        Assert.Equal(image.MemoryExports, copy.MemoryExports);
        Assert.Equal(image.Tables, copy.Tables);
        Assert.Equal(image.FunctionCount, copy.FunctionCount);
        Assert.Contains(copy.Exports, e => e.Name == "add");
        Assert.Single(copy.Imports);
    }

    [Fact]
    public void Exported_globals_memories_tables_and_reference_types_are_kept()
    {
        GuestImage copy = GuestImageSerializer.Deserialize(GuestImageSerializer.Serialize(WasmCompiler.Compile(Module)));

        Assert.Equal(["counter", "ratio", "held"], copy.Globals.Select(g => g.Name));
        Assert.Equal([CoreValueType.I32, CoreValueType.F64, CoreValueType.ExternRef], copy.Globals.Select(g => g.Type));
        Assert.Equal([true, false, true], copy.Globals.Select(g => g.Mutable));
        Assert.Equal(["memory"], copy.MemoryExports);
        GuestTable callbacks = Assert.Single(copy.Tables);
        Assert.Equal(("callbacks", CoreValueType.FuncRef), (callbacks.Name, callbacks.ElementType));
        // The log import and the four functions the module defines.
        Assert.Equal(5u, copy.FunctionCount);
        GuestExport pick = Assert.Single(copy.Exports, e => e.Name == "pick");
        Assert.Equal([CoreValueType.ExternRef, CoreValueType.FuncRef], pick.Parameters);
        Assert.Equal([CoreValueType.FuncRef, CoreValueType.ExternRef], pick.Results);
    }

    [Fact]
    public void An_image_of_the_previous_format_version_is_refused()
    {
        byte[] bytes = GuestImageSerializer.Serialize(WasmCompiler.Compile(Module));
        // The format version follows the 4-byte magic.
        BitConverter.GetBytes((ushort)4).CopyTo(bytes, 4);

        var error = Assert.Throws<InvalidDataException>(() => GuestImageSerializer.Deserialize(bytes));

        Assert.Contains("format version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_global_outside_the_data_region_is_refused()
    {
        GuestImage image = WasmCompiler.Compile(Module);
        GuestImage outside = new()
        {
            Code = image.Code,
            EntryOffset = image.EntryOffset,
            DataRegionSize = image.DataRegionSize,
            Globals = [new GuestGlobal("far", image.DataRegionSize - 4, CoreValueType.I64, Mutable: true)],
        };

        var error = Assert.Throws<InvalidDataException>(() => GuestImageSerializer.Deserialize(GuestImageSerializer.Serialize(outside)));

        Assert.Contains("Global 'far'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_outside_the_data_region_or_of_numbers_is_refused()
    {
        GuestImage image = WasmCompiler.Compile(Module);
        GuestImage Declaring(GuestTable table) => new()
        {
            Code = image.Code,
            EntryOffset = image.EntryOffset,
            DataRegionSize = image.DataRegionSize,
            Tables = [table],
        };
        GuestTable fits = new("t", image.DataRegionSize - 16, 1, CoreValueType.FuncRef);

        GuestImage kept = GuestImageSerializer.Deserialize(GuestImageSerializer.Serialize(Declaring(fits)));
        var overlong = Assert.Throws<InvalidDataException>(() => GuestImageSerializer.Deserialize(GuestImageSerializer.Serialize(Declaring(fits with { Capacity = 2 }))));
        var negative = Assert.Throws<InvalidDataException>(() => GuestImageSerializer.Deserialize(GuestImageSerializer.Serialize(Declaring(fits with { Offset = -8 }))));
        var numbers = Assert.Throws<InvalidDataException>(() => GuestImageSerializer.Deserialize(GuestImageSerializer.Serialize(Declaring(fits with { ElementType = CoreValueType.I64 }))));

        Assert.Equal(fits, Assert.Single(kept.Tables));
        Assert.Contains("outside the", overlong.Message, StringComparison.Ordinal);
        Assert.Contains("outside the", negative.Message, StringComparison.Ordinal);
        Assert.Contains("not a reference type", numbers.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_is_rejected_as_invalid_data()
    {
        byte[] bytes = GuestImageSerializer.Serialize(WasmCompiler.Compile(Module));

        for (int length = 0; length < bytes.Length; length++)
            Assert.Throws<InvalidDataException>(() => GuestImageSerializer.Deserialize(bytes.AsSpan(0, length)));
    }

    [Fact]
    public void Corrupted_bytes_give_invalid_data_or_a_consistent_image_never_another_exception()
    {
        byte[] original = GuestImageSerializer.Serialize(WasmCompiler.Compile(Module));
        var random = new Random(1234);
        int rejected = 0;
        for (int round = 0; round < 5000; round++)
        {
            byte[] mutant = (byte[])original.Clone();
            mutant[random.Next(mutant.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                GuestImage image = GuestImageSerializer.Deserialize(mutant);
                Assert.InRange(image.EntryOffset, 0, image.Code.Length - 1);
                Assert.True(image.InitialData.Length <= image.DataRegionSize);
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
        }
        Assert.True(rejected > 0, "flipping header and length bits must be noticed");
    }

    [Fact]
    public void A_huge_count_fails_without_allocating_it()
    {
        byte[] bytes = GuestImageSerializer.Serialize(WasmCompiler.Compile(Module));
        // The code length follows the 4-byte magic and 2-byte version.
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, 6);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => GuestImageSerializer.Deserialize(bytes));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    private static IEnumerable<string> Describe(IEnumerable<GuestExport> exports) =>
        exports.Select(e => $"{e.Name}#{e.Index}:{string.Join(",", e.Parameters)}->{string.Join(",", e.Results)}");
}
