namespace ConnectedCarMock.MockServer.State;

/// <summary>
/// The shared state store cannot be reached (or did not answer in time): the request gets a 503 with the
/// error body, and the mock keeps running until the store returns.
/// </summary>
internal sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }
}
