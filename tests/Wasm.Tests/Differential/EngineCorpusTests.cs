using Hyperlight.Bindings;
using Hyperlight.Engines;
using Hyperlight.Images;
using Hyperlight.Vm;
using Hyperlight.Wasm.Tests.Compiler.Harness;

namespace Hyperlight.Wasm.Tests.Differential;

/// <summary>
/// The corpus again, this time through the micro-VM engine (in-process and Unicorn-emulated
/// drivers) rather than the test harness: the same images must behave like Wasmtime when loaded by
/// the real loader, control page and driver stubs. Fewer vectors per export keep the emulator fast.
/// </summary>
public sealed class EngineCorpusTests
{
    private const int VectorsPerExport = 40;

    public static TheoryData<string, MicroVmDriver> Cases()
    {
        var cases = new TheoryData<string, MicroVmDriver>();
        foreach (string file in Corpus.Files())
        {
            cases.Add(file, MicroVmDriver.InProcess);
            cases.Add(file, MicroVmDriver.Emulated);
        }
        return cases;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Module_behaves_like_wasmtime_on_the_micro_vm(string file, MicroVmDriver driver)
    {
        byte[] wasm = Corpus.Load(file);
        GuestImage image = WasmCompiler.Compile(wasm);
        var factory = new MicroVmEngineFactory(driver, image);
        Skip.IfNot(factory.IsAvailable(out string reason), reason);
        using var reference = new WasmtimeReference(wasm);

        ISandboxEngine engine;
        try
        {
            engine = factory.Create(new SandboxSetup(wasm, [], new SandboxOptions()));
        }
        catch (GuestTrapException trap)
        {
            Assert.Equal(reference.InitializationOutcome?.Trap, trap.Kind);
            return;
        }
        using (engine)
        {
            Assert.Null(reference.InitializationOutcome);
            var differences = new List<string>();
            foreach (GuestExport export in image.Exports.Where(e => e.Results.Count <= 1))
            {
                int index = engine.ResolveGuestFunction(Describe(export));
                foreach (ulong[] arguments in EdgeValues.Vectors(export.Parameters, VectorsPerExport))
                {
                    CallOutcome ours = Call(engine, index, export, arguments);
                    CallOutcome theirs = reference.Call(export.Name, arguments);
                    if (!OutcomeComparer.Same(ours, theirs, export.Results))
                        differences.Add($"{export.Name}({string.Join(", ", arguments.Select(a => $"0x{a:x}"))}): ours {ours}, wasmtime {theirs}");
                }
            }
            Assert.True(differences.Count == 0, DifferentialRunner.Describe(differences));
        }
    }

    private static CallOutcome Call(ISandboxEngine engine, int index, GuestExport export, ulong[] arguments)
    {
        CallFrame frame = engine.Frame;
        FunctionDescriptor descriptor = Describe(export);
        frame.Begin((uint)index, CallFrameStatus.GuestCallRequested, arguments.Length);
        frame.SetSignature([.. descriptor.Parameters], descriptor.Result);
        for (int i = 0; i < arguments.Length; i++)
            frame.SetInt64(i, (long)arguments[i]);
        try
        {
            engine.Invoke(index, CancellationToken.None);
        }
        catch (GuestTrapException trap)
        {
            return CallOutcome.Trapped(trap.Kind);
        }
        if (export.Results.Count == 0)
            return CallOutcome.Returned();
        ulong raw = frame.GetRaw(0);
        return CallOutcome.Returned(export.Results[0] is CoreValueType.I32 or CoreValueType.F32 ? raw & uint.MaxValue : raw);
    }

    private static FunctionDescriptor Describe(GuestExport export) =>
        new(export.Name, export.Name, export.Results.Count == 0 ? AbiType.Void : Abi(export.Results[0]), [.. export.Parameters.Select(Abi)]);

    private static AbiType Abi(CoreValueType type) => type switch
    {
        CoreValueType.I32 => AbiType.Int32,
        CoreValueType.I64 => AbiType.Int64,
        CoreValueType.F32 => AbiType.Single,
        _ => AbiType.Double,
    };
}
