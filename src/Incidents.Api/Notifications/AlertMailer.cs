using Incidents.Domain.Notifications;
using MailKit.Net.Smtp;
using MimeKit;

namespace Incidents.Api.Notifications;

/// <summary>Sends one alert email through SMTP (MailKit), or writes it to the pickup folder in Development.</summary>
public sealed class AlertMailer(EmailOptions options)
{
    public async Task SendAsync(string to, AlertEmail email, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = email.Subject;
        message.Body = new TextPart("plain") { Text = email.Body };

        if (!string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            Directory.CreateDirectory(options.PickupDirectory);
            await message.WriteToAsync(Path.Combine(options.PickupDirectory, $"{message.MessageId}.eml"), ct);
            return;
        }

        using var smtp = new SmtpClient { Timeout = (int)options.Smtp.Timeout.TotalMilliseconds };
        await smtp.ConnectAsync(options.Smtp.Host!, options.Smtp.Port, options.Smtp.Security, ct);
        if (!string.IsNullOrEmpty(options.Smtp.UserName))
        {
            await smtp.AuthenticateAsync(options.Smtp.UserName, options.Smtp.Password ?? "", ct);
        }

        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }
}
