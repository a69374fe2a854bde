package org.filiere.graph;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GET parameter the endpoint does not take is a 400 that names it and lists those it takes:
 * {@code depht=3} or {@code maxhops=1} used to answer with the defaults as if nothing had been
 * asked, and {@code format=csv} on an endpoint without downloads answered JSON.
 *
 * <p>Every API parameter takes one value; lists are comma-separated ({@code types=SUPPLIES,PARTNER_OF}).
 * Spring binds the first of repeated values and drops the others, so {@code depth=1&depth=6}
 * answered depth 1 as if the second had not been asked for. A repeated parameter is now a 400
 * that names it.
 */
@Configuration(proxyBeanMethods = false)
class SingleValuedParameters implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    /** The query parameters each GET handler takes, by handler method. */
    private final Map<Method, Set<String>> taken = new ConcurrentHashMap<>();
    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && "GET".equals(request.getMethod())) {
            Set<String> known = taken.computeIfAbsent(method.getMethod(), m -> requestParams(method));
            for (String name : request.getParameterMap().keySet()) {
                if (!known.contains(name)) {
                    String shown = Params.abbreviate(name);
                    throw new BadRequestException(shown, "Unknown parameter '" + shown + "'. "
                            + (known.isEmpty() ? "This endpoint takes no parameters." : "This endpoint takes: " + String.join(", ", new TreeSet<>(known)) + "."));
                }
            }
        }
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 1) {
                throw new BadRequestException(Params.abbreviate(name), "Parameter '" + Params.abbreviate(name) + "' is given " + values.length
                        + " times; give it once (a list is one comma-separated value, e.g. types=SUPPLIES,PARTNER_OF).");
            }
        });
        return true;
    }

    private static Set<String> requestParams(HandlerMethod method) {
        Set<String> names = new HashSet<>();
        for (MethodParameter p : method.getMethodParameters()) {
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (param == null) continue;
            p.initParameterNameDiscovery(NAMES);
            names.add(param.name().isEmpty() ? p.getParameterName() : param.name());
        }
        return Set.copyOf(names);
    }
}
