using System.Reflection;
using System.Runtime.ExceptionServices;

namespace ConnectedCarMock.MockServer.Hosting;

/// <summary>
/// What <see cref="ConnectedCarMockServer.WireMock"/> hands out: WireMock's own server, behind a proxy
/// that moves the fast-path journal into WireMock's before every call and notices new or removed
/// mappings after it (also on the builders a call returns: <c>Given(...).RespondWith(...)</c>).
/// </summary>
internal class WireMockHandle : DispatchProxy
{
    private object _target = null!;
    private Action _before = null!;
    private Action _after = null!;

    public static T Wrap<T>(T target, Action before, Action after)
        where T : class => (T)Wrap(typeof(T), target, before, after);

    private static object Wrap(Type type, object target, Action before, Action after)
    {
        var proxy = (WireMockHandle)Create(type, typeof(WireMockHandle));
        (proxy._target, proxy._before, proxy._after) = (target, before, after);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        _before();
        try
        {
            var result = targetMethod!.Invoke(_target, args);
            var type = targetMethod.ReturnType;
            return result is not null && type.IsInterface && type.Namespace?.StartsWith("WireMock", StringComparison.Ordinal) == true
                ? ReferenceEquals(result, _target) ? this : Wrap(type, result, _before, _after)
                : result;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
        finally
        {
            _after();
        }
    }
}
