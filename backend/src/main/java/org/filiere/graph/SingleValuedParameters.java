package org.filiere.graph;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every API parameter takes one value; lists are comma-separated ({@code types=SUPPLIES,PARTNER_OF}).
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

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 1) {
                throw new BadRequestException(Params.abbreviate(name), "Parameter '" + Params.abbreviate(name) + "' is given " + values.length
                        + " times; give it once (a list is one comma-separated value, e.g. types=SUPPLIES,PARTNER_OF).");
            }
        });
        return true;
    }
}
