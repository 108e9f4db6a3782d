namespace ConnectedCarMock.Schemas;

/// <summary>
/// Our description of the event messages the platform posts to a client's channels
/// (<c>schemas/connected-car-notification.yaml</c>), embedded beside the Connected Car V2 document.
/// </summary>
internal static class NotificationDocument
{
    /// <summary>Name under which the embedded notification document is reported.</summary>
    public const string EmbeddedName = "embedded:connected-car-notification.yaml";

    /// <summary>The schema of one message, in this document and in the published companion alike.</summary>
    public const string MessageSchema = "Message";

    private const string Resource = "ConnectedCarMock.Schemas.connected-car-notification.yaml";

    private static readonly Lazy<ApiDocument> s_embedded = new(() => SpecLoader.Load(Bytes(), EmbeddedName));

    /// <summary>The embedded document, loaded once (the model is immutable).</summary>
    public static ApiDocument Embedded => s_embedded.Value;

    /// <summary>The embedded document's text.</summary>
    public static string EmbeddedText() => System.Text.Encoding.UTF8.GetString(Bytes());

    private static byte[] Bytes()
    {
        using var stream = typeof(NotificationDocument).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"resource {Resource} is missing from the assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
