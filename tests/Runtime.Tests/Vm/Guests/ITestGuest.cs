namespace Hyperlight.Tests.Vm.Guests;

/// <summary>The exports of <see cref="TestGuest"/> that are safe on every driver.</summary>
[GuestFunction]
public partial interface ITestGuest
{
    int Add(int a, int b);
    string Echo(string text);
    byte[] EchoBytes(byte[] data);
    long CallHost(int times);
    void LogHello();
    string GreetFromHost();
    void CallExplode();
    int Divide(int a, int b);
    void Spin(CancellationToken cancellationToken);
    int ReadGlobal();
    int BumpGlobal();
    int ReadInitialData();
}

/// <summary>Exports of <see cref="TestGuest"/> that hand the host garbage; safe on every driver (nothing faults).</summary>
[GuestFunction]
public partial interface IMisbehavingGuest
{
    void LogBadPointer();
    void LogWithWrongSlotCount();
    void GarbageStatus();
    string GarbageResult();
    void GarbageTrapKind();
    void GarbageLinearMemorySize();
    void UnknownHostFunction();
    void ScribbleControlPage();
}

/// <summary>Exports of <see cref="TestGuest"/> that fault or never poll: VM drivers only (in-process they would take the host down).</summary>
[GuestFunction]
public partial interface IFaultingGuest
{
    void SpinWithoutPolling(CancellationToken cancellationToken);
    void TouchLinearMemoryGuard();
    void TouchStackGuard();
    void ReadPageTables();
    void WriteCode();
    void ExecuteLinearMemory();
    void InvalidOpcode();
    void HardwareDivideByZero();
    void Halt();
    void OutToUnknownPort();
}

/// <summary>The imports of <see cref="TestGuest"/>.</summary>
[HostFunction]
public partial interface ITestHost
{
    long Accumulate(int value);
    void Log(string message);
    string GetName();
    void Explode();
}
