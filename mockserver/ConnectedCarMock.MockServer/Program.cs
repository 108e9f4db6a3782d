using ConnectedCarMock.MockServer.Cli;

return await MockCli.RunAsync(args, Console.Out, Console.Error);
