using BenchmarkDotNet.Running;

// The edge micro benchmarks (bench/README.md, "Micro benchmarks"); CI builds this project but never runs it.
//   cd bench/SalesCoachBot.MicroBench && dotnet run -c Release -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(SalesCoachBot.MicroBench.SlackEdgeBenchmarks).Assembly).Run(args);
