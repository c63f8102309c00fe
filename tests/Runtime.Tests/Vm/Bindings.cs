using Hyperlight.Bindings;

namespace Hyperlight.Tests.Vm;

/// <summary>HostBindings for tests that drive engines without the builder.</summary>
internal static class Bindings
{
    public static HostBinding HostBinding<T>(T implementation) where T : class, IHostFunctions<T> =>
        new(T.HostDescriptor, (function, frame) => T.Dispatch(implementation, function, frame));
}
