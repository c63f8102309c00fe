using Hyperlight.Analyzers.Tests.Verification;

namespace Hyperlight.Analyzers.Tests;

/// <summary>Realistic, correct binding code must compile without a single Hyperlight diagnostic.</summary>
public sealed class ValidBindingsTests
{
    [Fact]
    public Task Calculator_sample_from_the_binding_protocol_is_clean() =>
        AnalyzerVerifier.VerifyAsync("""
            using System;
            using System.Threading;
            using Hyperlight;

            namespace Samples.Calculator;

            [GuestFunction]
            public partial interface ICalculator
            {
                int Add(int a, int b);
                string Greet(string name);

                [GuestFunction("fib")]
                ulong Fibonacci(uint n, CancellationToken cancellationToken);

                byte[] Compress(ReadOnlySpan<byte> input, CompressionLevel level);
            }

            [HostFunction(Module = "env")]
            public partial interface IHostApi
            {
                void Log(string message);
                long NowTicks();
                bool Store(string key, ReadOnlyMemory<byte> value);
                byte[] Load(string key);
                double Random();
            }

            public enum CompressionLevel : byte
            {
                Fastest,
                Smallest,
            }

            internal sealed class HostApi : IHostApi
            {
                public void Log(string message) => Console.WriteLine(message);
                public long NowTicks() => DateTime.UtcNow.Ticks;
                public bool Store(string key, ReadOnlyMemory<byte> value) => value.Length > 0;
                public byte[] Load(string key) => [];
                public double Random() => System.Random.Shared.NextDouble();
            }
            """);

    [Fact]
    public Task Method_level_bindings_in_a_nested_partial_chain_are_clean() =>
        AnalyzerVerifier.VerifyAsync("""
            using Hyperlight;

            namespace Samples.Plugins;

            public static partial class PluginHost
            {
                internal partial interface IPlugin
                {
                    [GuestFunction("plugin_init")]
                    void Initialize(string configuration);

                    [GuestFunction("plugin_handle")]
                    byte[] Handle(byte[] request, sbyte priority, short retries, ushort port, float weight);
                }
            }
            """);

    [Fact]
    public Task Real_generator_output_draws_no_diagnostics() =>
        AnalyzerVerifier.VerifyWithGeneratorAsync("""
            using System;
            using System.Threading;
            using Hyperlight;
            using Hyperlight.Bindings;

            namespace Samples.Generated;

            [GuestFunction]
            public partial interface ICalculator
            {
                int Add(int a, int b);
                string Greet(string name);
                ulong Fibonacci(uint n, CancellationToken cancellationToken);
            }

            public static partial class Plugins
            {
                internal partial interface IPlugin
                {
                    [GuestFunction("plugin_handle")]
                    byte[] Handle(ReadOnlyMemory<byte> request);
                }
            }

            [HostFunction(Module = "env")]
            public partial interface IHostApi
            {
                void Log(string message);
                byte[] Load(string key);
            }

            public static class Descriptors
            {
                // These compile only if the generator implemented the interfaces.
                public static GuestInterfaceDescriptor Calculator => GuestOf<ICalculator>();
                internal static GuestInterfaceDescriptor Plugin => GuestOf<Plugins.IPlugin>();
                public static HostInterfaceDescriptor Host => HostOf<IHostApi>();

                private static GuestInterfaceDescriptor GuestOf<T>() where T : class, IGuestFunctions<T> => T.GuestDescriptor;
                private static HostInterfaceDescriptor HostOf<T>() where T : class, IHostFunctions<T> => T.HostDescriptor;
            }
            """);
}
