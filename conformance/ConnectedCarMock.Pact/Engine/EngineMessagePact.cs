using System.Text.Json;
using ConnectedCarMock.Pact.Native;

namespace ConnectedCarMock.Pact;

/// <summary>
/// An engine pact holding message interactions: the engine reifies each message (its matchers' examples and
/// generators applied) for the consumer's handler, and writes the pact file (V4 asynchronous messages, or a V3
/// message pact). Disposing frees the pact.
/// </summary>
internal sealed class EngineMessagePact : IPactMessageSet
{
    private readonly PactHandle _pact;
    private readonly List<InteractionHandle> _messages;
    private bool _disposed;

    private EngineMessagePact(PactHandle pact, List<InteractionHandle> messages)
    {
        _pact = pact;
        _messages = messages;
    }

    public static EngineMessagePact Declare(PactParties parties, IReadOnlyList<MessageDefinition> messages)
    {
        var config = parties.Config;
        PactNative.EnsureInitialized(config.LogLevel);
        var pact = PactFfi.NewPact(parties.Consumer, parties.Provider);
        try
        {
            Check(PactFfi.WithSpecification(pact, config.Specification == PactSpecification.V3 ? FfiSpecification.V3 : FfiSpecification.V4), "set the specification");
            var handles = new List<InteractionHandle>();
            foreach (var message in messages)
            {
                var handle = PactFfi.NewMessageInteraction(pact, message.Description);
                var what = $"message '{message.Description}'";
                foreach (var (state, parameters) in message.States)
                {
                    if (parameters is null)
                    {
                        Check(PactFfi.Given(handle, state), $"add state '{state}' to {what}");
                    }
                    else if (PactFfi.GivenWithParams(handle, state, parameters) != 0)
                    {
                        throw new InvalidOperationException($"The Pact engine refused the parameters of state '{state}' in {what}: {parameters}");
                    }
                }

                foreach (var (key, value) in message.Metadata)
                {
                    Check(PactFfi.MessageWithMetadata(handle, key, value), $"add metadata '{key}' to {what}");
                }

                Check(PactFfi.WithBody(handle, FfiPart.Request, message.ContentType, message.Contents), $"set the contents of {what}");
                handles.Add(handle);
            }

            return new EngineMessagePact(pact, handles);
        }
        catch
        {
            _ = PactFfi.FreePactHandle(pact);
            throw;
        }
    }

    public string Reify(int index)
    {
        var reified = PactNative.TakeString(PactFfi.MessageReify(_messages[index]))
            ?? throw new InvalidOperationException("The Pact engine could not reify the message.");
        // The engine answers the whole message (description, metadata, contents): the consumer receives the contents,
        // which V4 wraps as {"content": ..., "contentType": ..., "encoded": ...}.
        using var json = JsonDocument.Parse(reified);
        if (!json.RootElement.TryGetProperty("contents", out var contents))
        {
            return reified;
        }

        return contents.ValueKind == JsonValueKind.Object && contents.TryGetProperty("content", out var content) && contents.TryGetProperty("contentType", out _)
            ? content.ValueKind == JsonValueKind.String ? content.GetString()! : content.GetRawText()
            : contents.GetRawText();
    }

    public void WritePact(string directory)
    {
        Directory.CreateDirectory(directory);
        var result = PactFfi.PactHandleWriteFile(_pact, Path.GetFullPath(directory), overwrite: false);
        if (result != 0)
        {
            throw new IOException($"The Pact engine could not write the message pact into {directory} (error {result}).");
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _ = PactFfi.FreePactHandle(_pact);
        }
    }

    private static void Check(bool succeeded, string action)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException($"The Pact engine refused to {action}.");
        }
    }
}
