using System.Diagnostics;
using CGuest;
using Hyperlight;

string module = Path.Combine(AppContext.BaseDirectory, "guest", "calculator.wasm");

using Sandbox sandbox = new SandboxBuilder()
    .WithWasmModule(module)
    .WithHostFunctions<IHostServices>(new ConsoleHostServices())
    .WithGuestFunctions<ICalculator>()
    .Build();

Console.WriteLine($"engine: {sandbox.Engine.Name} ({sandbox.Engine.Boundary} boundary)");
ICalculator calculator = sandbox.Guest<ICalculator>();
Console.WriteLine($"add(40, 2) = {calculator.Add(40, 2)}");
Console.WriteLine($"fib(90) = {calculator.Fib(90)}");
Console.WriteLine($"greet(\"C guest\") = {calculator.Greet("C guest")}");
Console.WriteLine($"checksum(1..100) = {calculator.Checksum([.. Enumerable.Range(1, 100).Select(i => (byte)i)])}");
Console.WriteLine($"fib(40) took {Stopwatch.GetElapsedTime(0, calculator.ElapsedTicks()).TotalMicroseconds:0} µs inside the guest");

sealed class ConsoleHostServices : IHostServices
{
    public void Log(string message) => Console.WriteLine($"  [guest log] {message}");

    public long NowTicks() => Stopwatch.GetTimestamp();
}
