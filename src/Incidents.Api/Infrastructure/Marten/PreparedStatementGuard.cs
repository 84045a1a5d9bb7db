using System.Collections.Concurrent;
using System.Data;
using Marten;
using Marten.Services;
using Npgsql;

namespace Incidents.Api.Infrastructure.Marten;

/// <summary>
/// Keeps a pooled connection's prepared statements in step with the server after a failed statement.
/// </summary>
/// <remarks>
/// With auto-prepare on, Npgsql (10.0.3) prepares a statement the second time it runs on a connection. If that very
/// execution fails (a parameter PostgreSQL refuses at bind, such as a NUL in text, or an error while it runs), Npgsql's
/// record of the statement is left wrong: the next run of the same SQL on that physical connection reads its rows as
/// "Received unexpected backend message DataRow" and fails, on whoever's request gets that connection next
/// (npgsql/npgsql#6391 describes the same after a rollback). <c>PooledConnectionTests</c> reproduces it.
/// So a connection whose statement failed is marked (by the server's process id, which outlives the
/// <see cref="NpgsqlConnection"/> wrapper the pool hands out), and before the next different statement runs on it
/// every prepared statement is dropped (<see cref="NpgsqlConnection.UnprepareAll"/>): they are prepared afresh as
/// they are used again. A retry of the same failed statement is left alone, so its error is the one it would be.
/// </remarks>
/// It also logs each failed statement (its SQL, never its parameters, which may hold names), as Marten's own logger would.
public sealed class PreparedStatementGuard(ILogger logger) : IMartenLogger
{
    // Backend process id -> the statement (NpgsqlBatch or NpgsqlCommand) that failed on it.
    private static readonly ConcurrentDictionary<int, object> Failed = new();

    public IMartenSessionLogger StartSession(IQuerySession session) => new SessionLogger(logger);

    public void SchemaChange(string sql) => logger.LogInformation("Database schema changed: {Sql}", sql);

    private static void Failure(NpgsqlConnection? connection, object statement)
    {
        if (connection is { State: ConnectionState.Open })
        {
            Failed[connection.ProcessID] = statement;
        }
    }

    private static void Before(NpgsqlConnection? connection, object statement)
    {
        if (Failed.IsEmpty || connection is not { State: ConnectionState.Open }
            || !Failed.TryGetValue(connection.ProcessID, out var failed) || ReferenceEquals(failed, statement))
        {
            return;
        }

        Failed.TryRemove(connection.ProcessID, out _);
        // This runs on whichever session next uses the connection (the projection daemon's among them): it must never be
        // the reason that session's statement fails. A connection busy with another command keeps its statements.
        try
        {
            connection.UnprepareAll();
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException)
        {
            Failed.TryAdd(connection.ProcessID, failed);
        }
    }

    private sealed class SessionLogger(ILogger logger) : IMartenSessionLogger
    {
        public void LogSuccess(NpgsqlCommand command)
        {
        }

        public void LogFailure(NpgsqlCommand command, Exception ex)
        {
            Failure(command.Connection, command);
            logger.LogError(ex, "Database statement failed: {Sql}", command.CommandText);
        }

        public void LogSuccess(NpgsqlBatch batch)
        {
        }

        public void LogFailure(NpgsqlBatch batch, Exception ex)
        {
            Failure(batch.Connection, batch);
            logger.LogError(ex, "Database statement failed: {Sql}", string.Join(";\n", Enumerable.Select<NpgsqlBatchCommand, string>(batch.BatchCommands, c => c.CommandText)));
        }

        public void LogFailure(Exception ex, string message) => logger.LogError(ex, "{Message}", message);

        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
        {
        }

        public void OnBeforeExecute(NpgsqlCommand command) => Before(command.Connection, command);

        public void OnBeforeExecute(NpgsqlBatch batch) => Before(batch.Connection, batch);
    }
}

/// <summary>Gives the store's <see cref="PreparedStatementGuard"/> the host's logging.</summary>
public sealed class PreparedStatementGuardSetup : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) =>
        options.Logger(new PreparedStatementGuard(services.GetRequiredService<ILogger<IDocumentStore>>()));
}
