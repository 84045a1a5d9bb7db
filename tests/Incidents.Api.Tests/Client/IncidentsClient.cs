namespace Incidents.Api.Tests.Client.Generated;

/// <summary>
/// The one setting a client developer adds to NSwag's client: the document types a request's enum field as "null or
/// the enum" (the service reports a missing one as a 400 naming it), for which NSwag writes no string converter, so
/// enums are written by name (the wire names in their EnumMember attributes) for every field.
/// </summary>
public partial class IncidentsClient
{
    static partial void UpdateJsonSerializerSettings(Newtonsoft.Json.JsonSerializerSettings settings) =>
        settings.Converters.Add(new Newtonsoft.Json.Converters.StringEnumConverter());
}
