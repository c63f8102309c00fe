namespace Hyperlight.Wasmtime.Tests.Bindings;

// Interfaces that do not fit the modules they are used with, for the binding-error tests.

public partial interface IMissingExport
{
    [GuestFunction("does_not_exist")] int Missing(int value);
}

public partial interface IWrongExportSignature
{
    [GuestFunction("echo_int")] long Echo(long value);
}

public partial interface INotAFunction
{
    [GuestFunction("memory")] int Memory();
}

public partial interface IStringLength
{
    [GuestFunction("length")] int Length(string text);
}

public partial interface IStringResult
{
    [GuestFunction("name")] string Name();
}

public partial interface IBadPostReturn
{
    [GuestFunction("answer")] int Answer();
}

/// <summary>Offers env.log taking an int, where modules import env.log taking a string.</summary>
public partial interface IIntLogHost
{
    [HostFunction("log")] void Log(int value);
}

public sealed class IntLogHost : IIntLogHost
{
    public void Log(int value) { }
}

/// <summary>Offers env.log as the test guest expects it, from a second interface.</summary>
public partial interface IStringLogHost
{
    [HostFunction("log")] void Log(string message);
}

public sealed class StringLogHost : IStringLogHost
{
    public void Log(string message) { }
}
