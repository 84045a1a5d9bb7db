using System.Text.Json.Nodes;
using Incidents.Api.Concerns.Reading;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Incidents.Api.Infrastructure.OpenApi;

/// <summary>
/// Describes a case's answer (<see cref="ConcernReadView"/>: reading a case, raising one, every command on one) as what
/// it is, one of the four read-level views told apart by <c>view</c>: a base schema with a discriminator whose mapping
/// names each view, and each view built on it (<c>allOf</c>). The generator alone saw the base's one property.
/// Inheritance rather than a <c>oneOf</c> of the views: NSwag (14.8) reads a <c>oneOf</c> as its first alternative, so a
/// client generated from it read every answer as the full case, and fails on a base that lists its own subtypes; from a
/// discriminator on a base it makes a base type and deserialises each view into its own (GeneratedClientTests).
/// </summary>
public sealed class ReadLevelViews : IOpenApiDocumentTransformer
{
    public const string Discriminator = "view";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var baseName = nameof(ConcernReadView);
        var mapping = new Dictionary<string, OpenApiSchemaReference>();
        foreach (var (view, _, type) in ReadViews.All)
        {
            var own = (OpenApiSchema)await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            ReferToComponents(own, document, top: true);
            // The base's discriminator, not its own (a client would make a type of each view's one name); and open, as
            // the part of an allOf that does not list the base's property.
            own.Properties?.Remove(Discriminator);
            own.Required?.Remove(Discriminator);
            own.AdditionalPropertiesAllowed = true;

            document.Components.Schemas[type.Name] = new OpenApiSchema
            {
                Description = own.Description,
                AllOf = [new OpenApiSchemaReference(baseName, document), own],
            };
            own.Description = null;
            mapping[view] = new OpenApiSchemaReference(type.Name, document);
        }

        document.Components.Schemas[baseName] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = """
                A case as the caller may read it: one of four views, decided for each caller by the policy's read level
                and named by `view` (docs/api.md, "Read levels"): `full` (ConcernView, the whole case, for those who
                handle it), `child-side` (ChildSideView, the DSL's view of the children on a case someone else leads),
                `sync` (ConcernSyncView, the MIS's view of a case it raised) and `status` (ConcernStatusView, that it is
                being dealt with: whoever raised it, an adult declaring it). Reading a case, raising one and every
                command on one answer with it.
                """,
            Required = new HashSet<string> { Discriminator },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                [Discriminator] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Which view this is: the read level the caller has on the case.",
                    Enum = [.. ReadViews.All.Select(v => (JsonNode)JsonValue.Create(v.View))],
                },
            },
            Discriminator = new OpenApiDiscriminator { PropertyName = Discriminator, Mapping = mapping },
        };
    }

    /// <summary>
    /// The schema a transformer is given has every type it uses written out in it: each one the document already
    /// holds as a component (<c>x-schema-id</c>) becomes a reference to it, as the generator writes them, and any other
    /// named type becomes a component, so a client shares one type for each (one <c>Subject</c>, one <c>ConcernKind</c>).
    /// </summary>
    private static IOpenApiSchema ReferToComponents(IOpenApiSchema node, OpenApiDocument document, bool top = false)
    {
        if (node is not OpenApiSchema schema)
        {
            return node;
        }

        if (!top && schema.Metadata?.TryGetValue(SchemaId, out var id) == true && id is string { Length: > 0 } name)
        {
            // As the generator refers to a type: a nullable property (Triage?) as null or the type, with its own description.
            var nullable = schema.Metadata.TryGetValue(NullableProperty, out var isNullable) && isNullable is true;
            var description = schema.Metadata.TryGetValue(RefDescription, out var text) ? text as string : null;
            if (!document.Components!.Schemas!.ContainsKey(name))
            {
                schema.Metadata.Remove(NullableProperty);
                schema.Metadata.Remove(RefDescription);
                document.Components.Schemas[name] = schema;
                ReferToComponents(schema, document, top: true);
            }

            var reference = new OpenApiSchemaReference(name, document) { Description = description };
            return nullable ? new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, reference] } : reference;
        }

        foreach (var key in schema.Properties?.Keys.ToList() ?? [])
        {
            schema.Properties![key] = ReferToComponents(schema.Properties[key], document);
        }

        if (schema.Items is not null)
        {
            schema.Items = ReferToComponents(schema.Items, document);
        }

        if (schema.AdditionalProperties is not null)
        {
            schema.AdditionalProperties = ReferToComponents(schema.AdditionalProperties, document);
        }

        foreach (var list in new[] { schema.AllOf, schema.AnyOf, schema.OneOf })
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                list![i] = ReferToComponents(list[i], document);
            }
        }

        return schema;
    }

    // Microsoft.AspNetCore.OpenApi's annotations of a schema it will refer to (its OpenApiConstants).
    private const string SchemaId = "x-schema-id";
    private const string NullableProperty = "x-is-nullable-property";
    private const string RefDescription = "x-ref-description";
}
