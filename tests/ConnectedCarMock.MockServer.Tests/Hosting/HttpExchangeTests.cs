using System.Text;
using ConnectedCarMock.MockServer.Caching;
using ConnectedCarMock.MockServer.Hosting;
using ConnectedCarMock.MockServer.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ConnectedCarMock.MockServer.Tests.Hosting;

/// <summary>The fast path's reader and writer alone, on ASP.NET Core's in-memory <see cref="DefaultHttpContext"/>.</summary>
public class HttpExchangeTests
{
    private static DefaultHttpContext Http(string method, string rawTarget, string? body = null, params (string Name, string Value)[] headers)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("example.test:8080");
        http.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        foreach (var (name, value) in headers)
        {
            http.Request.Headers[name] = value;
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            http.Request.Body = new MemoryStream(bytes);
            http.Request.ContentLength = bytes.Length;
        }

        http.Response.Body = new MemoryStream();
        return http;
    }

    [Test]
    public async Task The_request_keeps_the_path_as_received_and_the_raw_query()
    {
        var http = Http("get", "/api/connectedcar/v1/accounts/vehicles/a%2Fb?=&pageSize=1&pageSize=2", headers: ("X-Mock-Scenario", "low-battery"));

        var (request, entry) = await HttpExchange.ReadAsync(http, new BoundedCache<string, string>("test", 10));

        Assert.That(request.Method, Is.EqualTo("GET"));
        Assert.That(request.Path, Is.EqualTo("/api/connectedcar/v1/accounts/vehicles/a%2Fb"));
        Assert.That(request.RawQuery, Is.EqualTo("=&pageSize=1&pageSize=2"));
        Assert.That(request.Query[string.Empty], Is.EqualTo(new[] { string.Empty }));
        Assert.That(request.QueryValues("pageSize"), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(request.BaseUrl, Is.EqualTo("http://example.test:8080"));
        Assert.That(request.Header("x-mock-scenario"), Is.EqualTo("low-battery"));
        Assert.That(entry.Headers.Select(h => h.Key), Does.Contain("X-Mock-Scenario"));
    }

    [Test]
    public async Task A_body_is_read_up_to_one_byte_over_the_limit()
    {
        var small = Http("POST", "/x", "{\"a\":1}");
        var huge = Http("POST", "/x", new string('z', RequestBodyReader.MaxBodyBytes + 5000));

        var (smallRequest, _) = await HttpExchange.ReadAsync(small, new BoundedCache<string, string>("test", 10));
        var (hugeRequest, _) = await HttpExchange.ReadAsync(huge, new BoundedCache<string, string>("test", 10));

        Assert.That(Encoding.UTF8.GetString(smallRequest.Body), Is.EqualTo("{\"a\":1}"));
        Assert.That(hugeRequest.Body, Has.Length.EqualTo(RequestBodyReader.MaxBodyBytes + 1));
    }

    [Test]
    public async Task The_writer_sets_status_media_type_headers_length_and_body()
    {
        var http = Http("GET", "/x");
        var answer = new MockResponse(201) { ContentType = "application/hal+json", Body = "{\"id\":1}"u8.ToArray() }
            .WithHeader("Location", "http://example.test/x/1")
            .WithHeader("X-Repeated", "a")
            .WithHeader("X-Repeated", "b");

        await HttpExchange.WriteAsync(http, answer);

        Assert.That(http.Response.StatusCode, Is.EqualTo(201));
        Assert.That(http.Response.ContentType, Is.EqualTo("application/hal+json"));
        Assert.That(http.Response.ContentLength, Is.EqualTo(8));
        Assert.That(http.Response.Headers.Location.ToString(), Is.EqualTo("http://example.test/x/1"));
        Assert.That(http.Response.Headers["X-Repeated"].ToArray(), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()), Is.EqualTo("{\"id\":1}"));
    }

    [Test]
    public async Task An_answer_without_body_writes_no_bytes()
    {
        var http = Http("DELETE", "/x");

        await HttpExchange.WriteAsync(http, new MockResponse(204));

        Assert.That(http.Response.StatusCode, Is.EqualTo(204));
        Assert.That(http.Response.ContentLength, Is.Zero);
        Assert.That(((MemoryStream)http.Response.Body).Length, Is.Zero);
    }
}
