using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(NewsCms.Micro.RenderingBenchmarks).Assembly).Run(args);
