namespace Incidents.Domain.Policy;

/// <summary>The school policies a concern can be managed under (section 2, "Links with other policies").</summary>
public enum SchoolPolicy
{
    AntiBullying,
    Behaviour,
    ChildProtection,
    AllegationsAgainstStaff,
    StaffCodeOfConduct,
    AcceptableUse,
    DataSecurity,
    HomeSchoolAgreement,
    MobileAndSmartTechnology,
}
