namespace ConnectedCarMock.Schemas;

/// <summary>A repair applied to a document, or a warning OpenAPI.NET raised about it.</summary>
/// <param name="Code">Stable identifier, e.g. <c>ref-outside-components</c>.</param>
/// <param name="Location">JSON pointer (or line) the diagnostic is about.</param>
/// <param name="Message">What was found and what was done about it.</param>
public sealed record SpecDiagnostic(string Code, string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message} [{Code}]";
}
