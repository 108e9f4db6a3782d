namespace ConnectedCarMock.MockServer.Events;

/// <summary>Headers of deliveries, and of API requests that shape the events they raise.</summary>
public static class DeliveryHeaders
{
    /// <summary>The message's identity, the same on every attempt: receivers de-duplicate on it.</summary>
    public const string MessageId = "X-Message-Id";

    /// <summary>1 for the first attempt, then 2, 3...</summary>
    public const string Attempt = "X-Delivery-Attempt";

    /// <summary>On a remote's POST: how it ends, <c>Success</c>, <c>AlreadyDone</c>, <c>Failed</c> or <c>Failed:DoorsOpen</c>.</summary>
    public const string RemoteOutcome = "X-Mock-Remote-Outcome";

    /// <summary>On a remote's or monitor's POST: the variation of the messages it raises (<c>sweep=3</c>, <c>missing=0.5; extra=0.5</c>).</summary>
    public const string EventVariation = "X-Mock-Event-Variation";

    /// <summary>On a varied delivery: what the variation did (<c>seed=1234; removed=2; added=1</c>).</summary>
    public const string VariationApplied = "X-Mock-Variation-Applied";

    /// <summary>On a varied delivery: the JSON pointers removed and added.</summary>
    public const string VariationPointers = "X-Mock-Variation-Pointers";

    /// <summary>On a swept delivery: how many single-field variants the message has.</summary>
    public const string VariationVariants = "X-Mock-Variation-Variants";
}
