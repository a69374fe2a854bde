package org.filiere.graph;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat answers some malformed requests itself, before Spring sees them (an encoded slash in a
 * path, broken percent-encoding). Its default error page is HTML; this valve makes those answers
 * problem+json too, without a stack trace, so a client gets the same kind of error everywhere.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            String title = status == 400 ? "Bad request" : "Error " + status;
            String detail = status == 400 ? (tooLarge(request, throwable)
                    ? "The request is too long: its URL and headers must fit in 8 KB (an id or a search text pasted by mistake?)."
                    : "The request could not be read: check the URL's encoding (no encoded slashes or broken %-escapes).")
                    : "The server could not answer this request.";
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}");
                writer.flush();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response cannot be written: nothing more to do.
        }
    }

    /** Tomcat refuses a request line or headers past its buffer ("Request header is too large"). */
    private static boolean tooLarge(Request request, Throwable throwable) {
        Object attribute = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION);
        for (Object t : new Object[] {throwable, attribute}) {
            for (Throwable c = t instanceof Throwable th ? th : null; c != null; c = c.getCause()) {
                if (c.getMessage() != null && c.getMessage().contains("too large")) return true;
            }
        }
        return false;
    }
}
