using Hyperlight.Wasm.Model;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Wasm.Tests.Caching;

public sealed class CompileKeyTests
{
    private static readonly GlobalType I32 = new(ValueType.I32, Mutable: false);

    [Fact]
    public void Equal_inputs_held_in_different_objects_have_equal_keys()
    {
        WasmLinkUnit first = LinkUnits.Original();
        WasmLinkUnit second = LinkUnits.Original();

        Assert.False(first.Modules[0].Bytes.Span.Overlaps(second.Modules[0].Bytes.Span));
        Assert.Equal(first.Key, second.Key);
        Assert.Matches("^[0-9a-f]{64}$", first.Key.Hex);
    }

    [Theory]
    [MemberData(nameof(LinkUnits.AllNames), MemberType = typeof(LinkUnits))]
    public void Changing_any_input_changes_the_key(string change)
    {
        Assert.NotEqual(LinkUnits.Original().Key, LinkUnits.Variant(change).Key);
    }

    [Fact]
    public void Every_change_gives_its_own_key()
    {
        string[] names = [.. LinkUnits.LinkableVariants.Keys, .. LinkUnits.UnlinkableVariants.Keys];

        Assert.Equal(names.Length, names.Select(name => LinkUnits.Variant(name).Key).Distinct().Count());
    }

    [Fact]
    public void No_options_and_default_options_are_the_same_input()
    {
        byte[] module = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

        Assert.Equal(WasmLinkUnit.Single(module).Key, WasmLinkUnit.Single(module, new WasmCompilerOptions()).Key);
    }

    [Fact]
    public void Names_that_print_alike_have_different_keys()
    {
        // A record prints "Module = x, Name = y, Name = z, ..." for both: a key built from ToString would merge them.
        var shiftedIntoModule = new WasmHostGlobal("x, Name = y", "z", I32, 0);
        var shiftedIntoName = new WasmHostGlobal("x", "y, Name = z", I32, 0);
        Assert.Equal(shiftedIntoModule.ToString(), shiftedIntoName.ToString());

        Assert.NotEqual(
            new WasmLinkUnit([], [shiftedIntoModule]).Key,
            new WasmLinkUnit([], [shiftedIntoName]).Key);
    }

    [Fact]
    public void Bytes_moved_from_one_module_to_the_next_change_the_key()
    {
        WasmLinkUnit split = new([new("a", new byte[] { 1, 2 }), new("b", new byte[] { 3 })], []);
        WasmLinkUnit moved = new([new("a", new byte[] { 1 }), new("b", new byte[] { 2, 3 })], []);

        Assert.NotEqual(split.Key, moved.Key);
    }

    [Fact]
    public void Different_lone_surrogates_are_different_names()
    {
        // UTF-8 would encode both as the replacement character.
        Assert.NotEqual(
            new WasmLinkUnit([new("\uD800", new byte[] { 1 })], []).Key,
            new WasmLinkUnit([new("\uDBFF", new byte[] { 1 })], []).Key);
    }

    [Fact]
    public void The_key_covers_every_compiler_option()
    {
        // A new option must be hashed in CompileKey.Of (if it can change the image or whether it compiles) and listed here.
        Assert.Equal(["MaxModuleBytes"], typeof(WasmCompilerOptions).GetProperties().Select(p => p.Name));
    }

    [Fact]
    public void An_unknown_kind_of_host_definition_is_refused_rather_than_left_out_of_the_key()
    {
        var unit = new WasmLinkUnit([], [new UnknownExtern("host", "thing")]);

        var error = Assert.Throws<ArgumentException>(() => unit.Key);

        Assert.Contains("UnknownExtern", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_module_name_is_refused()
    {
        var unit = new WasmLinkUnit([new NamedWasmModule(null!, new byte[] { 1 })], []);

        Assert.Throws<ArgumentNullException>(() => unit.Key);
    }

    private sealed record UnknownExtern(string Module, string Name) : WasmHostExtern(Module, Name);
}
