using Hyperlight.Bindings;

namespace Hyperlight.Cli.SelfTest;

/// <summary>The exports of <see cref="SelfTestGuest"/>, in its export-index order.</summary>
[GuestFunction]
public partial interface ISelfTestGuest
{
    void Nop();

    int Add(int a, int b);

    /// <summary>Calls the host's <see cref="ISelfTestHost.Echo"/> with <paramref name="value"/> and returns its result.</summary>
    int CallHost(int value);

    /// <summary>Reports an <c>unreachable</c> trap through the trap port.</summary>
    void Trap();

    /// <summary>Reads the first byte past the linear memory: the unmapped guard region.</summary>
    void Fault();

    /// <summary>Loops forever without polling the interrupt flag: only the driver's kick can stop it.</summary>
    void Spin(CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="value"/> at linear-memory address 0 and returns what was there.</summary>
    int Poke(int value);
}

/// <summary>The one host function the self-test guest imports.</summary>
[HostFunction]
public partial interface ISelfTestHost
{
    int Echo(int value);
}

/// <summary>Answers the guest's host call with its argument plus one, so the round trip is visible in the result.</summary>
internal sealed class SelfTestHost : ISelfTestHost
{
    public int Echo(int value) => value + 1;
}
