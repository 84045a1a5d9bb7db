using System.Text.Json.Nodes;
using Incidents.Api.Concerns.Acting;
using Incidents.Api.Concerns.Allegations;
using Incidents.Api.Concerns.Closing;
using Incidents.Api.Concerns.Corrections;
using Incidents.Api.Concerns.Debriefing;
using Incidents.Api.Concerns.Escalating;
using Incidents.Api.Concerns.Imagery;
using Incidents.Api.Concerns.Investigating;
using Incidents.Api.Concerns.JointDecisions;
using Incidents.Api.Concerns.Leading;
using Incidents.Api.Concerns.LowLevel;
using Incidents.Api.Concerns.Notes;
using Incidents.Api.Concerns.Raising;
using Incidents.Api.Concerns.Referring;
using Incidents.Api.Concerns.Subjects;
using Incidents.Api.Concerns.Triaging;
using Incidents.Api.PeopleDirectory.Pushing;

namespace Incidents.Api.Infrastructure.OpenApi;

/// <summary>
/// One example body per command, shown in the API reference and in the OpenAPI document: the README's case, so a
/// client developer sees the same story everywhere. A test reads each back with the API's own JSON rules.
/// </summary>
public static class RequestExamples
{
    public static readonly IReadOnlyDictionary<Type, string> ByRequestType = new Dictionary<Type, string>
    {
        [typeof(RaiseConcernRequest)] = """
            {"kind":"cyberbullying","summary":"Hurtful messages in a class group chat",
             "subjects":[{"misRef":"L-1001","type":"learner","involvement":"affected"}],"occurredAt":"2026-11-20T10:00:00Z"}
            """,
        [typeof(Notifications.AlertPreferencesRequest)] = """
            {"alsoAlert":[{"misRef":"staff-ddsl-1","kinds":[]},{"misRef":"staff-esafety-1","kinds":["filtering-breach"]}]}
            """,
        [typeof(TriageRequest)] = """{"risk":"medium","decision":"investigate","rationale":"Repeated messages","occurredAt":"2026-11-20T12:00:00Z"}""",
        [typeof(SeekAdviceRequest)] = """{"agency":"Education Safeguarding Service","question":"Do we involve social care?","occurredAt":"2026-11-20T12:10:00Z"}""",
        [typeof(RecordAdviceRequest)] = """{"adviser":"ESS adviser","summary":"Manage in school","occurredAt":"2026-11-21T09:00:00Z"}""",
        [typeof(RecordActionRequest)] = """{"type":"parents-informed","subjectMisRef":"L-1001","details":"Phoned mother","occurredAt":"2026-11-21T10:00:00Z"}""",
        [typeof(MakeReferralRequest)] = """{"agency":"childrens-social-care","reference":"CSC-2026-0412","occurredAt":"2026-11-21T11:00:00Z"}""",
        [typeof(ReferralDecisionRequest)] = """{"decision":"do-not-refer","rationale":"Advice: manage in school","occurredAt":"2026-11-21T09:30:00Z"}""",
        [typeof(CompleteInvestigationRequest)] = """{"findings":"Confirmed","outcome":"substantiated","occurredAt":"2026-11-22T10:00:00Z"}""",
        [typeof(DebriefRequest)] = """
            {"attendees":[{"id":"staff-slt-1","name":"Assistant Head"}],"lessonsLearnt":["Teach group chat etiquette earlier"],
             "proposedChanges":[{"kind":"curriculum","change":"Year 5 PSHE unit","owner":"PSHE lead","ownerMisRef":"staff-slt-1","dueBy":"2027-01-15"}],
             "occurredAt":"2026-11-23T10:00:00Z"}
            """,
        [typeof(AssignDebriefChangeRequest)] = """{"ownerMisRef":"staff-slt-1","owner":"PSHE lead","dueBy":"2027-01-29","occurredAt":"2026-11-24T09:00:00Z"}""",
        [typeof(MarkDebriefChangeDoneRequest)] = """{"whatWasDone":"The Year 5 PSHE unit now covers group chats","occurredAt":"2027-01-20T15:00:00Z"}""",
        [typeof(CloseRequest)] = """{"rationale":"Resolved","occurredAt":"2026-11-23T11:00:00Z"}""",
        [typeof(ReopenRequest)] = """{"reason":"The messages started again","occurredAt":"2026-11-30T09:00:00Z"}""",
        [typeof(AddNoteRequest)] = """{"note":"Spoke to the learner at break; she is feeling better","occurredAt":"2026-11-21T10:30:00Z"}""",
        [typeof(AddSubjectsRequest)] = """
            {"subjects":[{"misRef":"L-1002","type":"learner","involvement":"alleged"},
              {"name":"Sam Okafor","description":"Year 6 child at St Mary's, in the same group chat","type":"learner","involvement":"witness"}],
             "occurredAt":"2026-11-20T13:00:00Z"}
            """,
        [typeof(IdentifySubjectRequest)] = """{"unlistedRef":"unlisted-3f9a2c81b0d4","misRef":"L-1187","occurredAt":"2026-12-01T09:00:00Z"}""",
        [typeof(ReassignLeadRequest)] = """
            {"lead":"dsl","assignee":{"id":"staff-dsl-2","name":"Deputy DSL"},"reason":"Lucy is on leave","occurredAt":"2026-11-24T08:30:00Z"}
            """,
        [typeof(ProposeJointDecisionRequest)] = """{"decision":"Refer to the LADO","occurredAt":"2026-11-20T14:00:00Z"}""",
        [typeof(AgreeJointDecisionRequest)] = """{"occurredAt":"2026-11-20T15:00:00Z"}""",
        [typeof(ConsultLadoRequest)] = """{"officer":"Kent LADO duty officer","advice":"Manage under the code of conduct; no police referral","occurredAt":"2026-11-20T16:00:00Z"}""",
        [typeof(AppointCaseManagerRequest)] = """{"misRef":"gov-3","appointedBy":"Kent LADO duty officer, with the governing body","reason":"The headteacher and the chair are both alleged; a governor not on the case manages it","occurredAt":"2026-11-20T16:30:00Z"}""",
        [typeof(ReviewPatternRequest)] = """{"outcome":"Read with the two earlier concerns: spoke to them about the code of conduct","occurredAt":"2026-11-21T09:00:00Z"}""",
        [typeof(HarmThresholdMetRequest)] = """{"reason":"Messaged a pupil privately late at night","occurredAt":"2026-11-21T09:30:00Z"}""",
        [typeof(ShareWithDslRequest)] = """{"reason":"The DSL is supporting the child and needs the context","occurredAt":"2026-11-21T08:30:00Z"}""",
        [typeof(InitialReviewRequest)] = """
            {"devices":"One phone, kept locked in the office","deletion":"Deleted by the learner with the DSL present","reportRemoveOffered":true,
             "parents":"Parents told the same day","immediateReferralTriggers":[],"occurredAt":"2026-11-20T13:00:00Z"}
            """,
        [typeof(AmendEntryRequest)] = """{"amendsVersion":2,"correction":"Triaged on Wednesday, not Tuesday","reason":"Date misread","occurredAt":"2026-11-21T12:00:00Z"}""",
        [typeof(RemoveSubjectRequest)] = """
            {"subject":{"misRef":"L-1002","type":"learner","involvement":"alleged"},"reason":"Added in error: another child","occurredAt":"2026-11-21T12:30:00Z"}
            """,
        [typeof(DirectoryBatchRequest)] = """
            {"mode":"changes","people":[
              {"misRef":"L-1001","type":"learner","givenName":"Amelia","familyName":"Smith","preferredName":"Millie","dateOfBirth":"2015-04-02",
               "yearGroup":"Year 6","class":"6B","role":null,"startDate":"2019-09-04","leavingDate":null},
              {"misRef":"S-12","type":"staff-member","givenName":"Ruth","familyName":"Penhaligon","preferredName":null,"dateOfBirth":null,
               "yearGroup":null,"class":null,"role":"Class teacher","startDate":"2018-09-01","leavingDate":null}]}
            """,
        [typeof(Calendar.CalendarRequest)] = """
            {"closures":[{"from":"2026-12-19","to":"2027-01-04","name":"Christmas holidays","kind":"holiday"},
              {"from":"2027-01-05","to":"2027-01-05","name":"Training day","kind":"inset"}],
             "bankHolidays":[{"date":"2026-12-25","name":"Christmas Day"},{"date":"2026-12-28","name":"Boxing Day (substitute day)"},
              {"date":"2027-01-01","name":"New Year's Day"}]}
            """,
        [typeof(WithdrawRequest)] = """{"reason":"Raised about the wrong child","occurredAt":"2026-11-20T10:30:00Z"}""",
        [typeof(Filtering.FilteringAlertRequest)] = """
            {"reference":"sw-7f3a91","category":"self-harm","occurredAt":"2026-11-20T10:58:00Z","user":"asmith21","device":"LAPTOP-22",
             "misRef":"L-1001","severity":"high","detail":"Searched for ways to self-harm"}
            """,
        [typeof(ChangeKindRequest)] = """
            {"kind":"youth-produced-sexual-imagery","reason":"Nudes of a learner were found among the messages","occurredAt":"2026-11-20T11:00:00Z"}
            """,
    };

    public static JsonNode? For(Type requestType) =>
        ByRequestType.TryGetValue(requestType, out var json) ? JsonNode.Parse(json) : null;
}
