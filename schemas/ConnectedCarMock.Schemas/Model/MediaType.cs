namespace ConnectedCarMock.Schemas;

/// <summary>One entry of a <c>content</c> map: a media type and its schema.</summary>
internal sealed record MediaType(string Name, Schema? Schema)
{
    public bool IsJson =>
        Name.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || Name.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
        || Name.Equals("*/*", StringComparison.Ordinal);
}

internal sealed record RequestBody(bool Required, IReadOnlyList<MediaType> Content);

/// <summary>A documented response: status is a code (<c>200</c>), a range (<c>4XX</c>) or <c>default</c>.</summary>
internal sealed record Response(string Status, string Description, IReadOnlyList<MediaType> Content)
{
    public bool IsSuccess => Status.Length == 3 && Status[0] == '2';

    public int? Code => int.TryParse(Status, out var code) ? code : null;

    /// <summary>Whether this entry describes the given status: exactly, by range, or as the default.</summary>
    public bool Describes(int status) =>
        Code == status
        || (Status.Length == 3 && Status.EndsWith("XX", StringComparison.OrdinalIgnoreCase) && Status[0] - '0' == status / 100)
        || Status == "default";
}
