using global::Wasmtime;

namespace Hyperlight.Benchmarks.Wasmtime;

/// <summary>The benchmark guest on plain Wasmtime .NET with its typed delegates: the baseline Hyperlight is measured against.</summary>
internal sealed class DirectWasmtime : IDisposable
{
    private readonly Engine _engine = new();
    private readonly Module _module;
    private readonly Store _store;

    public DirectWasmtime()
    {
        _module = Module.FromText(_engine, "benchmark", BenchmarkGuest.Text);
        _store = new Store(_engine);
        Instance instance = new(_store, _module);
        Memory = instance.GetMemory("memory")!;
        Add = instance.GetFunction<int, int, int>("add")!;
        Echo = instance.GetFunction<int, int, int>("echo")!;
        PostEcho = instance.GetAction<int>("cabi_post_echo")!;
        Realloc = instance.GetFunction<int, int, int, int, int>("cabi_realloc")!;
    }

    public Memory Memory { get; }

    public Func<int, int, int> Add { get; }

    public Func<int, int, int> Echo { get; }

    public Action<int> PostEcho { get; }

    public Func<int, int, int, int, int> Realloc { get; }

    public void Dispose()
    {
        _store.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }
}
