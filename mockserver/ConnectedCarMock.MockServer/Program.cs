using ConnectedCarMock.MockServer.Cli;

return await MockCli.RunAsync(args, Console.Out, Console.Error);

// The entry point is not part of the library surface (the ASP.NET Core generator would make it public).
internal sealed partial class Program;
