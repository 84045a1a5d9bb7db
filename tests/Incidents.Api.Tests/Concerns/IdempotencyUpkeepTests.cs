using System.Net;
using System.Text.Json.Nodes;
using Incidents.Api.Concerns;
using Incidents.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Incidents.Api.Tests.Support.ConcernsApi;

namespace Incidents.Api.Tests.Concerns;

/// <summary>Idempotency records are kept for a month, and records from an older build are upgraded without losing a retry.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyUpkeepTests(ApiHost api)
{
    private readonly ConcernsApi _concerns = new(api);

    // A node starting after the upgrade: the host's own upkeep found no old-format record when it started.
    private IdempotencyUpkeep Upkeep => ActivatorUtilities.CreateInstance<IdempotencyUpkeep>(api.Host.Services);

    [Fact]
    public async Task A_key_recorded_by_an_older_build_still_replays_the_first_answer_and_loses_its_copy_of_the_case()
    {
        var keyed = await NoteWithAKey("L-6301");
        var first = keyed.First;
        var firstBody = await first.Content.ReadAsStringAsync();
        await _concerns.Command(People.Dsl, keyed.Concern, "notes", new { note = "Later note", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });

        // As an older build wrote it: no version, a copy of the whole answer.
        var recordId = keyed.RecordId;
        await Sql("update incidents.mt_doc_idempotencyrecord set data = (data - 'version') || jsonb_build_object('response', @answer::jsonb) where id = @id",
            ("id", recordId), ("answer", firstBody));

        var beforeUpkeep = await Retry(keyed);
        await Upkeep.RunOnceAsync(CancellationToken.None);
        var afterUpkeep = await Retry(keyed);

        foreach (var retry in new[] { beforeUpkeep, afterUpkeep })
        {
            retry.StatusCode.Should().Be(HttpStatusCode.OK);
            retry.Headers.ETag.Should().Be(first.Headers.ETag, "the answer is the case as the first attempt left it, not as it is now");
            (await retry.Content.ReadAsStringAsync()).Should().Be(firstBody);
        }

        var stored = JsonNode.Parse((string)(await Sql("select data::text from incidents.mt_doc_idempotencyrecord where id = @id", ("id", recordId)))!)!;
        stored["response"].Should().BeNull("the copy of the case is dropped");
        stored["version"]!.GetValue<long>().Should().Be(JsonNode.Parse(firstBody)!["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_old_record_whose_copy_has_no_version_is_forgotten_rather_than_replayed_as_the_latest()
    {
        var recordId = (await NoteWithAKey("L-6303")).RecordId;
        await Sql("update incidents.mt_doc_idempotencyrecord set data = (data - 'version') || '{\"response\": {\"summary\": \"copy\"}}'::jsonb where id = @id",
            ("id", recordId));

        await Upkeep.RunOnceAsync(CancellationToken.None);

        (await RecordCount(recordId)).Should().Be(0L);
    }

    [Fact]
    public async Task A_key_is_forgotten_once_it_is_older_than_the_time_records_are_kept()
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject("L-6302")));
        var note = new { note = "Spoke with the family", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5) };
        var oldKey = Guid.NewGuid().ToString();
        var recentKey = Guid.NewGuid().ToString();
        await _concerns.Post(People.Dsl, $"/api/concerns/{id}/notes", note, r => r.Headers.Add("Idempotency-Key", oldKey));

        try
        {
            api.Clock.MoveTo(DateTimeOffset.UtcNow.AddDays(29));
            await _concerns.Post(People.Dsl, $"/api/concerns/{id}/notes", note, r => r.Headers.Add("Idempotency-Key", recentKey));
            api.Clock.MoveTo(DateTimeOffset.UtcNow.AddDays(31));
            await Upkeep.RunOnceAsync(CancellationToken.None);
        }
        finally
        {
            api.Clock.Reset();
        }

        (await RecordCount($"{People.Dsl.Id}|{oldKey}")).Should().Be(0L);
        (await RecordCount($"{People.Dsl.Id}|{recentKey}")).Should().Be(1L,
            "a key 2 days old is kept");
        var sentAgain = await _concerns.Post(People.Dsl, $"/api/concerns/{id}/notes", note, r => r.Headers.Add("Idempotency-Key", oldKey));
        sentAgain.StatusCode.Should().Be(HttpStatusCode.OK);
        sentAgain.Headers.Contains("Idempotent-Replay").Should().BeFalse("a forgotten key is a new command");
    }

    private sealed record KeyedNote(Guid Concern, object Note, string Key, HttpResponseMessage First)
    {
        public string RecordId => $"{People.Dsl.Id}|{Key}";
    }

    /// <summary>A new concern, and a note on it sent by the DSL with a fresh Idempotency-Key.</summary>
    private async Task<KeyedNote> NoteWithAKey(string learner)
    {
        var id = await _concerns.Raise(People.Teacher, RaiseRequest("cyberbullying", Subject(learner)));
        var note = new { note = "Spoke with the learner", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5) };
        var key = Guid.NewGuid().ToString();
        return new KeyedNote(id, note, key, await _concerns.Post(People.Dsl, $"/api/concerns/{id}/notes", note, r => r.Headers.Add("Idempotency-Key", key)));
    }

    private Task<HttpResponseMessage> Retry(KeyedNote keyed) =>
        _concerns.Post(People.Dsl, $"/api/concerns/{keyed.Concern}/notes", keyed.Note, r => r.Headers.Add("Idempotency-Key", keyed.Key));

    private async Task<long> RecordCount(string recordId) =>
        (long)(await Sql("select count(*) from incidents.mt_doc_idempotencyrecord where id = @id", ("id", recordId)))!;

    private async Task<object?> Sql(string sql, params (string Name, string Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }
}
