using ConnectedCarMock.Conformance.Cli;

return await ConformanceCli.RunAsync(args, Console.Out, Console.Error);
