using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GeoIncidents.Testing;

/// <summary>An external service a whole test class needs.</summary>
public enum ExternalService
{
    /// <summary><see cref="ExternalServices.PostGis"/>.</summary>
    PostGis,

    /// <summary><see cref="ExternalServices.Gdal"/>.</summary>
    Gdal,

    /// <summary><see cref="ExternalServices.GdalPython"/>.</summary>
    GdalPython,
}

/// <summary>
/// Marks a test class whose every <see cref="ServiceFactAttribute"/> test needs a service: the tests skip with a
/// reason on a developer machine and run (and fail) under <c>CI=true</c>. Used by shared test specifications whose
/// subclasses run the same tests against different backends (one subclass per backend).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class RequiresServiceAttribute(ExternalService service) : Attribute
{
    /// <summary>The service.</summary>
    public ExternalService Service { get; } = service;
}

/// <summary>A fact that skips (outside CI) when its test class has a <see cref="RequiresServiceAttribute"/> naming a missing service.</summary>
[XunitTestCaseDiscoverer("GeoIncidents.Testing.ServiceFactDiscoverer", "GeoIncidents.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServiceFactAttribute : FactAttribute;

/// <summary>Discovers <see cref="ServiceFactAttribute"/> tests, skipping them per the test class's required services.</summary>
public sealed class ServiceFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var skip = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresServiceAttribute))
            .Select(a => a is IReflectionAttributeInfo { Attribute: RequiresServiceAttribute r } ? Requirement(r.Service).SkipUnlessAvailable : null)
            .FirstOrDefault(reason => reason is not null);
        yield return new ServiceTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip);
    }

    /// <summary>The requirement behind a service.</summary>
    /// <param name="service">The service.</param>
    /// <returns>Its requirement.</returns>
    public static ExternalServices.Requirement Requirement(ExternalService service) => service switch
    {
        ExternalService.PostGis => ExternalServices.PostGis,
        ExternalService.Gdal => ExternalServices.Gdal,
        _ => ExternalServices.GdalPython,
    };
}

/// <summary>A test case whose skip reason comes from its class's required services.</summary>
public sealed class ServiceTestCase : XunitTestCase
{
    private string? _serviceSkip;

    /// <summary>For the deserializer.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ServiceTestCase()
    {
    }

    /// <summary>Creates the test case.</summary>
    /// <param name="diagnosticMessageSink">Diagnostics.</param>
    /// <param name="defaultMethodDisplay">Method display.</param>
    /// <param name="defaultMethodDisplayOptions">Method display options.</param>
    /// <param name="testMethod">The test method.</param>
    /// <param name="serviceSkip">The skip reason, or null to run.</param>
    public ServiceTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod, string? serviceSkip)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod) => _serviceSkip = serviceSkip;

    /// <inheritdoc />
    public override void Serialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        base.Serialize(data);
        data.AddValue("ServiceSkip", _serviceSkip);
    }

    /// <inheritdoc />
    public override void Deserialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);

        // Before the base: it may initialise the test case (and read the skip reason) while deserialising.
        _serviceSkip = data.GetValue<string>("ServiceSkip");
        base.Deserialize(data);
    }

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute) => _serviceSkip ?? base.GetSkipReason(factAttribute);
}
