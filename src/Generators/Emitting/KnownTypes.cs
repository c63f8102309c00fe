namespace Hyperlight.Generators.Emitting;

/// <summary>The runtime types generated code names, fully qualified so no user type can shadow them.</summary>
internal static class KnownTypes
{
    public const string AbiType = "global::Hyperlight.AbiType";
    public const string CallFrame = "global::Hyperlight.Bindings.CallFrame";
    public const string FunctionDescriptor = "global::Hyperlight.Bindings.FunctionDescriptor";
    public const string GuestBinding = "global::Hyperlight.Bindings.GuestBinding";
    public const string GuestInterfaceDescriptor = "global::Hyperlight.Bindings.GuestInterfaceDescriptor";
    public const string HostInterfaceDescriptor = "global::Hyperlight.Bindings.HostInterfaceDescriptor";
    public const string IGuestFunctions = "global::Hyperlight.Bindings.IGuestFunctions";
    public const string IHostFunctions = "global::Hyperlight.Bindings.IHostFunctions";
    public const string ArgumentNullException = "global::System.ArgumentNullException";
    public const string ArgumentOutOfRangeException = "global::System.ArgumentOutOfRangeException";
    public const string InvalidOperationException = "global::System.InvalidOperationException";
    public const string NotSupportedException = "global::System.NotSupportedException";
}
