using Hyperlight.Tests.Instances;
using Hyperlight.Wasm;
using Hyperlight.Wasm.Caching;
using Hyperlight.Wasm.Model;
using ValueType = Hyperlight.Wasm.Model.ValueType;

namespace Hyperlight.Tests.Vm;

/// <summary>
/// Sandboxes built with the on-disk image cache turned on. Each test links modules no other test
/// uses, so the process-wide memo in front of the disk has never seen them.
/// </summary>
public sealed class CompiledImageCacheSandboxTests : IDisposable
{
    private const long Offset = 5;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hl-sandbox-cache-{Guid.NewGuid():N}");
    private readonly long _tag = Random.Shared.NextInt64(1, 1L << 40);
    private readonly byte[] _library;
    private readonly byte[] _main;

    public CompiledImageCacheSandboxTests()
    {
        _library = Wat.ToWasm($"(module (func (export \"tag\") (result i64) i64.const {_tag}))");
        _main = Wat.ToWasm("""
            (module
              (import "lib" "tag" (func $tag (result i64)))
              (import "host" "offset" (global $offset i64))
              (func (export "run") (result i64) call $tag global.get $offset i64.add))
            """);
    }

    [SkippableFact]
    public void A_sandbox_stores_its_linked_image_for_the_next_process()
    {
        using (Sandbox sandbox = Builder().WithCompiledImageCache(_directory).Build())
            Assert.Equal([WasmValue.I64(_tag + Offset)], sandbox.Invoke("run"));
        var nextProcess = new CompiledImageCache(_directory);

        nextProcess.GetOrCompile(SameLinkUnit());

        Assert.Equal(1, nextProcess.Hits);
        Assert.Single(Directory.GetFiles(_directory));
    }

    [SkippableFact]
    public void A_sandbox_loads_the_image_an_earlier_process_stored()
    {
        new CompiledImageCache(_directory).GetOrCompile(SameLinkUnit());
        var cache = new CompiledImageCache(_directory);

        using Sandbox sandbox = Builder().Configure(options => options.CompiledImageCache = cache).Build();

        Assert.Equal(1, cache.Hits);
        Assert.Equal([WasmValue.I64(_tag + Offset)], sandbox.Invoke("run"));
    }

    [SkippableFact]
    public void The_process_memo_serves_later_builds_without_the_disk()
    {
        var cache = new CompiledImageCache(_directory);
        Builder().Configure(options => options.CompiledImageCache = cache).Build().Dispose();
        File.Delete(Directory.GetFiles(_directory).Single());

        using Sandbox again = Builder().Configure(options => options.CompiledImageCache = cache).Build();

        Assert.Equal(0, cache.Hits);
        Assert.Empty(Directory.GetFiles(_directory));
        Assert.Equal([WasmValue.I64(_tag + Offset)], again.Invoke("run"));
    }

    [SkippableFact]
    public void A_cache_directory_that_cannot_be_created_still_builds_the_sandbox()
    {
        Directory.CreateDirectory(_directory);
        string blocked = Path.Combine(_directory, "a-file");
        File.WriteAllText(blocked, "a file where the cache directory should be");

        using Sandbox sandbox = Builder().WithCompiledImageCache(blocked).Build();

        Assert.Equal([WasmValue.I64(_tag + Offset)], sandbox.Invoke("run"));
        Assert.Single(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void The_wasmtime_engine_leaves_the_cache_alone()
    {
        using Sandbox sandbox = Builder(TestEngines.Factory(TestEngine.Wasmtime)).WithCompiledImageCache(_directory).Build();

        Assert.Equal([WasmValue.I64(_tag + Offset)], sandbox.Invoke("run"));
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void Without_a_directory_the_cache_is_in_the_default_place()
    {
        SandboxBuilder builder = new SandboxBuilder().WithCompiledImageCache();

        Assert.Equal(CompiledImageCache.DefaultDirectory, builder.Options.CompiledImageCache?.Directory);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private SandboxBuilder Builder(Engines.ISandboxEngineFactory? engine = null) =>
        new SandboxBuilder()
            .WithEngine(engine ?? TestEngines.Factory(TestEngine.InProcess))
            .WithLinkedModule("lib", _library)
            .WithWasmModule(_main)
            .WithGlobal("host", "offset", WasmValue.I64(Offset));

    /// <summary>What the builder links, written with the compiler's own types, as another program would.</summary>
    private WasmLinkUnit SameLinkUnit() =>
        new([new("lib", _library), new("main", _main)], [new WasmHostGlobal("host", "offset", new GlobalType(ValueType.I64, Mutable: false), Offset)]);
}
